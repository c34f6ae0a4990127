// `ostiary user revoke E`: signs the account out everywhere without changing its password: every
// session ends and every refresh token and stored access token stops working (signOutEverywhere).
import { Command } from 'commander';
import { signOutEverywhere } from '../accounts/signOutEverywhere.js';
import { accountCliError } from './accountCliError.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { requireAccount } from './requireAccount.js';

export function userRevoke(deps: CliDeps): Command {
  return new Command('revoke')
    .description('sign an account out everywhere (sessions, refresh tokens, stored access tokens)')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      const account = await requireAccount(store, email);
      await signOutEverywhere(store, account.accountId, deps.change()).catch((error: unknown) => {
        throw accountCliError(error);
      });
      emit(
        deps,
        options.json,
        { revoked: true, accountId: account.accountId, email: account.email },
        () => `signed ${account.email} out everywhere`,
      );
    });
}
