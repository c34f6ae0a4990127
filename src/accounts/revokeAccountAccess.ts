// Signs an account out everywhere: every session ends and every grant goes, with the refresh
// tokens, stored access tokens and codes bound to it, and every app that signed the person in is
// told (back-channel logout). The account first records the second it happened, so a session or
// token issued before it is refused even if the store still held it (one being written at this
// very moment, or one written by a version without the account index). JWT access tokens already
// handed out cannot be recalled: they expire within ACCESS_TOKEN_TTL.
import type { SignedOut } from '../logout/EndedAccess.js';
import type { AccountChanges, Store } from '../store/Store.js';

/** Where an account's access lives, and who hears when some of it ends. */
export interface AccessDeps extends Pick<Store, 'accounts' | 'artifacts'> {
  readonly signedOut: SignedOut;
}

/** The apps of these grants and sessions, each once. */
function clientsOf(
  grants: readonly { payload: Record<string, unknown> }[],
  sessions: readonly Record<string, unknown>[],
) {
  const ids = [
    ...grants.map(({ payload }) => payload.clientId),
    ...sessions.flatMap((session) => Object.keys((session.authorizations ?? {}) as object)),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/**
 * Applies `changes` (a new password hash, disabling) together with the revocation time, then
 * revokes. False when there is no such account.
 */
export async function revokeAccountAccess(
  access: AccessDeps,
  accountId: string,
  changes: AccountChanges = {},
  now = Date.now(),
): Promise<boolean> {
  const [grants, sessions] = await Promise.all([
    access.artifacts.listByAccountId('Grant', accountId),
    access.artifacts.listByAccountId('Session', accountId),
  ]);
  const found = await access.accounts.update(accountId, { ...changes, revokedAt: Math.floor(now / 1000) });
  if (!found) return false;
  await access.artifacts.revokeByAccountId(accountId);
  const ended = sessions.map(({ payload }) => payload);
  await access.signedOut({ accountId, sessions: ended, clientIds: clientsOf(grants, ended) });
  return true;
}
