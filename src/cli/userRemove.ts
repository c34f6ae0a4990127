// `ostiary user remove E`: deletes an account and revokes everything it holds (users.remove).
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function userRemove(deps: CommandDeps): Command {
  return new Command('remove')
    .description('delete an account and revoke everything it holds')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const admin = deps.admin();
      const account = await accountByEmail(admin, email);
      await admin(userRoutes.remove, { params: { id: account.accountId } });
      emit(
        deps,
        options.json,
        { removed: true, accountId: account.accountId, email: account.email },
        () => `removed account ${account.accountId} (${account.email})`,
      );
    });
}
