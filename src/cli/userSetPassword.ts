// `ostiary user set-password E [--password P]`: replaces the account's password and signs it out
// everywhere (users.update, by changePassword's rules). Without --password the new password is the first line of stdin,
// which keeps it out of shell history and the process list.
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';

interface Options {
  password?: string;
  json?: boolean;
}

export function userSetPassword(deps: CommandDeps): Command {
  return new Command('set-password')
    .description("replace an account's password and sign it out everywhere")
    .argument('<email>', 'the email of the account')
    .option('--password <password>', 'the new password (default: the first line of stdin)')
    .action(async (email: string, options: Options) => {
      const admin = deps.admin();
      const account = await accountByEmail(admin, email);
      const password = options.password ?? (await deps.readLine('new password: '));
      if (!password) {
        throw new UsageError('--password', 'give the new password with --password or on the first line of stdin');
      }
      await admin(userRoutes.update, { params: { id: account.accountId }, body: { password } });
      emit(
        deps,
        options.json,
        { updated: true, accountId: account.accountId, email: account.email },
        () => `changed the password of ${account.email} and signed it out everywhere`,
      );
    });
}
