// The account a command names by email (any letter case), or NotFoundError (exit 1).
import type { Account, Store } from '../store/Store.js';
import { NotFoundError } from './errors.js';

export async function requireAccount(store: Store, email: string): Promise<Account> {
  const account = await store.accounts.findByEmail(email);
  if (!account) throw new NotFoundError(`no account with email ${email}`);
  return account;
}
