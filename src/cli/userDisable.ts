// `ostiary user disable E` / `user enable E`: stops an account from signing in, revoking everything
// it holds, or lets it sign in again (users.update with `disabled`).
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

function toggle(deps: CommandDeps, disabled: boolean): Command {
  const verb = disabled ? 'disable' : 'enable';
  return new Command(verb)
    .description(
      disabled
        ? 'stop an account from signing in and revoke everything it holds'
        : 'let a disabled account sign in again',
    )
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const admin = deps.admin();
      const account = await accountByEmail(admin, email);
      await admin(userRoutes.update, { params: { id: account.accountId }, body: { disabled } });
      emit(
        deps,
        options.json,
        { disabled, accountId: account.accountId, email: account.email },
        () => `${verb}d ${account.email}`,
      );
    });
}

export const userDisable = (deps: CommandDeps) => toggle(deps, true);
export const userEnable = (deps: CommandDeps) => toggle(deps, false);
