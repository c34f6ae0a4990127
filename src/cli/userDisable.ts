// `ostiary user disable E` and `ostiary user enable E`: a disabled account cannot sign in and
// everything it holds is revoked; enabling lets it sign in again (setAccountDisabled).
import { Command } from 'commander';
import { setAccountDisabled } from '../accounts/setAccountDisabled.js';
import { accountCliError } from './accountCliError.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { requireAccount } from './requireAccount.js';

function toggle(deps: CliDeps, disabled: boolean): Command {
  const verb = disabled ? 'disable' : 'enable';
  return new Command(verb)
    .description(
      disabled
        ? 'stop an account from signing in and revoke everything it holds'
        : 'let a disabled account sign in again',
    )
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      const account = await requireAccount(store, email);
      await setAccountDisabled(store, account.accountId, disabled, deps.change()).catch((error: unknown) => {
        throw accountCliError(error);
      });
      emit(
        deps,
        options.json,
        { disabled, accountId: account.accountId, email: account.email },
        () => `${verb}d ${account.email}`,
      );
    });
}

export const userDisable = (deps: CliDeps) => toggle(deps, true);
export const userEnable = (deps: CliDeps) => toggle(deps, false);
