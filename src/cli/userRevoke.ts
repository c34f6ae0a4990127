// `ostiary user revoke E`: signs the account out everywhere without changing its password: every
// session ends and every refresh token and stored access token stops working (revokeAccountAccess).
import { Command } from 'commander';
import { revokeAccountAccess } from '../accounts/revokeAccountAccess.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError } from './errors.js';
import { requireAccount } from './requireAccount.js';

export function userRevoke(deps: CliDeps): Command {
  return new Command('revoke')
    .description('sign an account out everywhere (sessions, refresh tokens, stored access tokens)')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      const account = await requireAccount(store, email);
      if (!(await revokeAccountAccess(store, account.accountId)))
        throw new NotFoundError(`no account with email ${email}`);
      emit(
        deps,
        options.json,
        { revoked: true, accountId: account.accountId, email: account.email },
        () => `signed ${account.email} out everywhere`,
      );
    });
}
