// Checks an email and password. An unknown email is verified against a dummy hash of the same
// cost, so a failed login takes about as long whether or not the account exists and the answer
// never reveals which it was.
import { randomBytes } from 'node:crypto';
import type { Account, AccountStore } from '../store/Store.js';
import { hashingGate } from './hashingGate.js';
import { hashPassword, verifyPassword } from './passwordHasher.js';

export type Authenticate = (email: string, password: string) => Promise<Account | undefined>;

export function createAuthenticator(accounts: AccountStore, gate = hashingGate()): Authenticate {
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'));
  dummyHash.catch(() => {}); // awaited on the first unknown email; never an unhandled rejection
  return async (email, password) => {
    const account = email ? await accounts.findByEmail(email) : undefined;
    const passwordHash = account?.passwordHash ?? (await dummyHash);
    const matches = await gate(() => verifyPassword(passwordHash, password));
    return account && matches ? account : undefined;
  };
}
