// Ends one browser session of an account, as a logout there would: the session goes, and so does
// every grant it handed out (refresh tokens, stored access tokens, codes), so the browser must
// sign in again and its clients' tokens stop working. Other sessions of the account stay.
import { type Change, recordChange } from '../audit/Change.js';
import { AccountError } from './AccountError.js';
import type { AccessDeps } from './revokeAccountAccess.js';
import { revokeGrant } from './revokeGrant.js';
import { sessionGrantIds } from './sessionGrantIds.js';

export async function endAccountSession(
  access: Pick<AccessDeps, 'artifacts' | 'signedOut'>,
  accountId: string,
  sessionId: string,
  change: Change,
): Promise<void> {
  const session = await access.artifacts.findByUid('Session', sessionId);
  if (!session || session.accountId !== accountId) {
    throw new AccountError('not_found', `account ${accountId} has no session ${sessionId}`);
  }
  const grantIds = sessionGrantIds(session);
  for (const grantId of grantIds) await revokeGrant(access.artifacts, grantId);
  await access.artifacts.destroyByUid('Session', sessionId);
  await access.signedOut({ accountId, sessions: [session], clientIds: [] });
  recordChange(change, { event: 'session.ended', accountId, details: { sessionId, grantsRevoked: grantIds.length } });
}
