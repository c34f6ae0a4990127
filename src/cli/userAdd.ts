// `ostiary user add --email E --password P [--name N]`: creates an account an operator vouches
// for, so its email counts as verified. The accountId (the `sub`) is a random UUID that never
// changes; the password is stored only as an argon2id hash.
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { hashPassword } from '../accounts/passwordHasher.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../accounts/passwordPolicy.js';
import { DuplicateError } from '../store/errors.js';
import type { Account } from '../store/Store.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { publicAccount } from './publicAccount.js';

interface Options {
  email: string;
  password: string;
  name?: string;
  json?: boolean;
}

/** A sanity check, not RFC 5322: one @ with something on each side and no whitespace. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function userAdd(deps: CliDeps): Command {
  return new Command('add')
    .description('create an account (its email counts as verified)')
    .requiredOption('--email <email>', 'the sign-in email; unique whatever the letter case')
    .requiredOption(
      '--password <password>',
      `at least ${MIN_PASSWORD_LENGTH} characters (shell history keeps it: consider user set-password with stdin)`,
    )
    .option('--name <name>', 'the display name (the `name` claim)')
    .action(async (options: Options) => {
      const email = options.email.trim();
      if (!EMAIL.test(email))
        throw new UsageError('--email', `an email address such as ada@example.com, got "${email}"`);
      const problem = passwordProblem(options.password);
      if (problem) throw new UsageError('--password', problem);
      const store = await deps.openStore();
      const taken = new UsageError('--email', `an account with ${email} already exists (emails ignore letter case)`);
      if (await store.accounts.findByEmail(email)) throw taken;
      const account: Account = {
        accountId: randomUUID(),
        email,
        emailVerified: true,
        name: options.name?.trim() || undefined,
        passwordHash: await hashPassword(options.password),
        createdAt: Date.now(),
      };
      try {
        await store.accounts.create(account);
      } catch (error) {
        if (error instanceof DuplicateError) throw taken; // another `user add` won the race
        throw error;
      }
      emit(deps, options.json, publicAccount(account), () => `created account ${account.accountId} for ${email}`);
    });
}
