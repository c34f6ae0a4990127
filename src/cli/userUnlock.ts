// `ostiary user unlock E`: clears the sign-in throttling of an account's email, so someone who
// locked themselves out can try again at once (users.unlock).
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function userUnlock(deps: CommandDeps): Command {
  return new Command('unlock')
    .description('clear the failed sign-in count and lock of an account')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const admin = deps.admin();
      const account = await accountByEmail(admin, email);
      await admin(userRoutes.unlock, { params: { id: account.accountId } });
      emit(deps, options.json, { unlocked: true, email }, () => `${email} may sign in again`);
    });
}
