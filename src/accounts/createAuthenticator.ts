// Checks an email and password. An unknown email is verified against a dummy hash of the same
// cost, so a failed login takes about as long whether or not the account exists and the answer
// never reveals which it was. Hashes go through the gate (hashingGate): when its queue, or the
// client address's share of it, is full this throws HashingBusyError instead of waiting. The
// account found is returned with whether the password matched (the audit trail names the account
// being guessed); a disabled one as it is: only someone who knows its password learns that.
import { randomBytes } from 'node:crypto';
import type { Account, AccountStore } from '../store/Store.js';
import { type HashingGate, hashingGate } from './hashingGate.js';
import { hashPassword, verifyPassword } from './passwordHasher.js';

export interface Authentication {
  /** The account the email names, if any. */
  readonly account: Account | undefined;
  /** True when there is an account and the password is its password. */
  readonly verified: boolean;
}

export interface Authenticate {
  (email: string, password: string, address?: string): Promise<Authentication>;
  /** True when a check from `address` now would be refused as busy. */
  busy(address?: string): boolean;
}

export function createAuthenticator(accounts: AccountStore, gate: HashingGate = hashingGate()): Authenticate {
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'));
  dummyHash.catch(() => {}); // awaited on the first unknown email; never an unhandled rejection
  const authenticate = async (email: string, password: string, address?: string) => {
    const account = email ? await accounts.findByEmail(email) : undefined;
    const passwordHash = account?.passwordHash ?? (await dummyHash);
    const matches = await gate(() => verifyPassword(passwordHash, password), address);
    return { account, verified: Boolean(account && matches) };
  };
  return Object.assign(authenticate, { busy: gate.full });
}
