// `ostiary user add --email E --password P [--name N]`: creates an account whose email counts as
// verified (the admin operation users.add, which createAccount's rules govern).
import { Command } from 'commander';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwordPolicy.js';
import { userRoutes } from '../admin/routes/userRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

interface Options {
  email: string;
  password: string;
  name?: string;
  json?: boolean;
}

export function userAdd(deps: CommandDeps): Command {
  return new Command('add')
    .description('create an account (its email counts as verified)')
    .requiredOption('--email <email>', 'the sign-in email; unique whatever the letter case')
    .requiredOption(
      '--password <password>',
      `at least ${MIN_PASSWORD_LENGTH} characters and hard to guess (shell history keeps it: consider user set-password with stdin)`,
    )
    .option('--name <name>', 'the display name (the `name` claim)')
    .action(async (options: Options) => {
      const body = { email: options.email, password: options.password, name: options.name };
      const account = await deps.admin()(userRoutes.add, { body });
      emit(deps, options.json, account, () => `created account ${account.accountId} for ${account.email}`);
    });
}
