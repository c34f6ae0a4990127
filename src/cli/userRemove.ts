// `ostiary user remove E`: deletes the account with this email (any letter case). Its sessions and
// refresh tokens stop working at their next use, because the account no longer resolves.
import { Command } from 'commander';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError } from './errors.js';

export function userRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('delete an account')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      const account = await store.accounts.findByEmail(email);
      if (!account || !(await store.accounts.remove(account.accountId))) {
        throw new NotFoundError(`no account with email ${email}`);
      }
      emit(
        deps,
        options.json,
        { removed: true, accountId: account.accountId, email: account.email },
        () => `removed account ${account.accountId} (${account.email})`,
      );
    });
}
