// `ostiary user remove E`: deletes the account with this email (any letter case), after revoking
// its sessions, grants and tokens (removeAccount).
import { Command } from 'commander';
import { removeAccount } from '../accounts/removeAccount.js';
import { accountCliError } from './accountCliError.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { requireAccount } from './requireAccount.js';

export function userRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('delete an account and revoke everything it holds')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      const account = await requireAccount(store, email);
      await removeAccount(store, account.accountId, deps.change()).catch((error: unknown) => {
        throw accountCliError(error);
      });
      emit(
        deps,
        options.json,
        { removed: true, accountId: account.accountId, email: account.email },
        () => `removed account ${account.accountId} (${account.email})`,
      );
    });
}
