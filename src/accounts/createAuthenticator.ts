// Checks an email and password. An unknown email is verified against a dummy hash of the same
// cost, so a failed login takes about as long whether or not the account exists and the answer
// never reveals which it was. Hashes go through the gate (hashingGate): when its queue, or the
// client address's share of it, is full this throws HashingBusyError instead of waiting. A disabled account is returned as it is: only
// someone who knows its password learns that it is disabled.
import { randomBytes } from 'node:crypto';
import type { Account, AccountStore } from '../store/Store.js';
import { type HashingGate, hashingGate } from './hashingGate.js';
import { hashPassword, verifyPassword } from './passwordHasher.js';

export interface Authenticate {
  (email: string, password: string, address?: string): Promise<Account | undefined>;
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
    return account && matches ? account : undefined;
  };
  return Object.assign(authenticate, { busy: gate.full });
}
