// Signs an account out everywhere: every session ends and every grant goes, with the refresh
// tokens, stored access tokens and codes bound to it. The account first records the second it
// happened, so a session or token issued before it is refused even if the store still held it
// (one being written at this very moment, or one written by a version without the account index).
// JWT access tokens already handed out cannot be recalled: they expire within ACCESS_TOKEN_TTL.
import type { AccountChanges, Store } from '../store/Store.js';

export type AccessStore = Pick<Store, 'accounts' | 'artifacts'>;

/**
 * Applies `changes` (a new password hash, disabling) together with the revocation time, then
 * revokes. False when there is no such account.
 */
export async function revokeAccountAccess(
  store: AccessStore,
  accountId: string,
  changes: AccountChanges = {},
  now = Date.now(),
): Promise<boolean> {
  const found = await store.accounts.update(accountId, { ...changes, revokedAt: Math.floor(now / 1000) });
  if (found) await store.artifacts.revokeByAccountId(accountId);
  return found;
}
