// Whether an account may still use what it was issued: it exists, it is not disabled, and the
// session or token was issued no earlier than its last "sign out everywhere" (revokedAt, epoch
// seconds; the same second counts as after, so signing in again right after a password change
// works). findAccount and introspection both ask this, so a removed, disabled or revoked account's
// tokens stop everywhere at once, even those a revocation could not reach.
import type { Account, AccountStore } from '../store/Store.js';
import { storeCall } from './storeCall.js';

export type ActiveAccount = (accountId: string, issuedAt: number | undefined) => Promise<Account | undefined>;

export function activeAccount(accounts: AccountStore): ActiveAccount {
  return async (accountId, issuedAt) => {
    const account = await storeCall(() => accounts.findById(accountId));
    if (!account || account.disabled) return undefined;
    const revoked = account.revokedAt !== undefined && issuedAt !== undefined && issuedAt < account.revokedAt;
    return revoked ? undefined : account;
  };
}
