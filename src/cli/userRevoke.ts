// `ostiary user revoke E`: signs the account out everywhere without changing its password: every
// session ends and every refresh token and stored access token stops working (users.revoke).
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function userRevoke(deps: CommandDeps): Command {
  return new Command('revoke')
    .description('sign an account out everywhere (sessions, refresh tokens, stored access tokens)')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const admin = deps.admin();
      const account = await accountByEmail(admin, email);
      await admin(userRoutes.revoke, { params: { id: account.accountId } });
      emit(
        deps,
        options.json,
        { revoked: true, accountId: account.accountId, email: account.email },
        () => `signed ${account.email} out everywhere`,
      );
    });
}
