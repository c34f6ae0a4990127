// Creates an account: a plausible email not taken in any letter case, a password the policy
// accepts (not guessable, not built on the email or name), stored only as an argon2id hash. The
// accountId (the `sub`) is a random UUID that never changes.
import { randomUUID } from 'node:crypto';
import { type Change, recordChange } from '../audit/Change.js';
import { DuplicateError } from '../store/errors.js';
import type { Account, AccountStore } from '../store/Store.js';
import { AccountError } from './AccountError.js';
import { hashPassword } from './passwordHasher.js';
import { passwordProblem } from './passwordPolicy.js';

export interface NewAccount {
  readonly email: string;
  readonly password: string;
  readonly name?: string | undefined;
  /** True when someone vouches for the address (an operator); self-service sign-up proves it first. */
  readonly emailVerified: boolean;
}

/** A sanity check, not RFC 5322: one @ with something on each side and no whitespace. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!EMAIL.test(trimmed)) {
    throw new AccountError('invalid_email', `an email address such as ada@example.com, got "${trimmed}"`);
  }
  return trimmed;
}

const taken = (email: string) =>
  new AccountError('email_taken', `an account with ${email} already exists (emails ignore letter case)`);

export async function createAccount(
  accounts: AccountStore,
  input: NewAccount,
  change: Change,
  now = Date.now(),
): Promise<Account> {
  const email = checkEmail(input.email);
  const name = input.name?.trim() || undefined;
  const problem = await passwordProblem(input.password, [email, ...(name ? [name] : [])]);
  if (problem) throw new AccountError('weak_password', problem);
  if (await accounts.findByEmail(email)) throw taken(email);
  const account: Account = {
    accountId: randomUUID(),
    email,
    emailVerified: input.emailVerified,
    name,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    disabled: false,
    revokedAt: undefined,
  };
  try {
    await accounts.create(account);
  } catch (error) {
    if (error instanceof DuplicateError) throw taken(email); // another create won the race
    throw error;
  }
  recordChange(change, { event: 'account.created', accountId: account.accountId });
  return account;
}
