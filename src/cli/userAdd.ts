// `ostiary user add --email E --password P [--name N] [--send-verification]`: creates an account
// (the admin operation users.add, which createAccount's rules govern). Its email counts as verified,
// unless --send-verification mails a link that confirms it.
import { Command } from 'commander';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwordPolicy.js';
import { userRoutes } from '../admin/routes/userRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

interface Options {
  email: string;
  password: string;
  name?: string;
  sendVerification?: boolean;
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
    .option(
      '--send-verification',
      'mail a link that confirms the address; until it is used email_verified is false (needs SMTP_URL)',
    )
    .action(async (options: Options) => {
      const body = {
        email: options.email,
        password: options.password,
        name: options.name,
        send_verification: options.sendVerification,
      };
      const account = await deps.admin()(userRoutes.add, { body });
      emit(deps, options.json, account, () => `created account ${account.accountId} for ${account.email}`);
      if (account.verification_sent === false)
        deps.err(
          `note: the verification mail was not sent (${account.verification_error}); the email stays unverified\n`,
        );
    });
}
