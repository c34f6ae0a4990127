// `ostiary user add --email E --password P [--name N]`: creates an account an operator vouches
// for, so its email counts as verified. The rules (email, password policy, uniqueness) are
// createAccount's.
import { Command } from 'commander';
import { createAccount } from '../accounts/createAccount.js';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwordPolicy.js';
import { publicAccount } from '../accounts/publicAccount.js';
import { accountCliError } from './accountCliError.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';

interface Options {
  email: string;
  password: string;
  name?: string;
  json?: boolean;
}

export function userAdd(deps: CliDeps): Command {
  return new Command('add')
    .description('create an account (its email counts as verified)')
    .requiredOption('--email <email>', 'the sign-in email; unique whatever the letter case')
    .requiredOption(
      '--password <password>',
      `at least ${MIN_PASSWORD_LENGTH} characters and hard to guess (shell history keeps it: consider user set-password with stdin)`,
    )
    .option('--name <name>', 'the display name (the `name` claim)')
    .action(async (options: Options) => {
      const store = await deps.openStore();
      const input = { email: options.email, password: options.password, name: options.name, emailVerified: true };
      const account = await createAccount(store.accounts, input, deps.change()).catch((error: unknown) => {
        throw accountCliError(error);
      });
      emit(
        deps,
        options.json,
        publicAccount(account),
        () => `created account ${account.accountId} for ${account.email}`,
      );
    });
}
