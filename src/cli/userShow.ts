// `ostiary user show E`: one account as users.show gives it: its id, email, whether the email is
// verified, name, state, creation time and second factors (the passkeys by name). Never a password
// hash or any other secret.
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import { attributePairs } from './attributePairs.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatFields } from './formatFields.js';

export function userShow(deps: CommandDeps): Command {
  return new Command('show')
    .description('show an account (never a secret)')
    .argument('<email>', 'the email of the account')
    .action(async (email: string, options: { json?: boolean }) => {
      const admin = deps.admin();
      const { accountId } = await accountByEmail(admin, email);
      const account = await admin(userRoutes.show, { params: { id: accountId } });
      const { factors, attributes, ...fields } = account;
      const passkeys = factors.passkeys.map((passkey) => passkey.name).join(', ') || '-';
      const text = () =>
        formatFields({
          ...fields,
          attributes: attributePairs(attributes),
          totp: factors.totp,
          passkeys,
          recoveryCodesLeft: factors.recoveryCodesLeft,
        });
      emit(deps, options.json, account, text);
    });
}
