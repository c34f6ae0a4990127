// `ostiary user set-password E [--password P]`: replaces the account's password hash. Without
// --password the new password is the first line of stdin, which keeps it out of shell history
// and the process list. Existing sessions stay signed in.
import { Command } from 'commander';
import { hashPassword } from '../accounts/passwordHasher.js';
import { passwordProblem } from '../accounts/passwordPolicy.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError, UsageError } from './errors.js';

interface Options {
  password?: string;
  json?: boolean;
}

function checked(password: string | undefined): string {
  if (!password) {
    throw new UsageError('--password', 'give the new password with --password or on the first line of stdin');
  }
  const problem = passwordProblem(password);
  if (problem) throw new UsageError('--password', problem);
  return password;
}

export function userSetPassword(deps: CliDeps): Command {
  return new Command('set-password')
    .description("replace an account's password")
    .argument('<email>', 'the email of the account')
    .option('--password <password>', 'the new password (default: the first line of stdin)')
    .action(async (email: string, options: Options) => {
      if (options.password !== undefined) checked(options.password);
      const store = await deps.openStore();
      const account = await store.accounts.findByEmail(email);
      if (!account) throw new NotFoundError(`no account with email ${email}`);
      const password = checked(options.password ?? (await deps.readLine('new password: ')));
      if (!(await store.accounts.setPasswordHash(account.accountId, await hashPassword(password)))) {
        throw new NotFoundError(`no account with email ${email}`); // removed meanwhile
      }
      emit(
        deps,
        options.json,
        { updated: true, accountId: account.accountId, email: account.email },
        () => `changed the password of ${account.email}`,
      );
    });
}
