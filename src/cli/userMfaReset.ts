// `ostiary user mfa reset E`: removes the account's second factors (its authenticator app and
// recovery codes), so someone who lost them signs in with their password again (users.resetFactors).
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function userMfaReset(deps: CommandDeps): Command {
  return new Command('reset')
    .description('remove the second factors of an account (authenticator app, recovery codes)')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const admin = deps.admin();
      const { accountId } = await accountByEmail(admin, email);
      const account = await admin(userRoutes.resetFactors, { params: { id: accountId } });
      emit(deps, options.json, account, () => `${account.email} signs in with its password alone now`);
    });
}
