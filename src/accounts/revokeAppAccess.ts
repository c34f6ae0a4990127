// The account page's "Remove access": everything a person gave one client goes at once, every grant
// of that client (one per browser session that signed in to it, with their tokens and codes) and
// the consent remembered for it, so the client asks again next time. Audited as grant.revoked.
import { type Change, recordChange } from '../audit/Change.js';
import { sessionsOf } from '../logout/EndedAccess.js';
import { listAccountGrants } from './accountGrants.js';
import { rememberedConsents } from './rememberedConsents.js';
import type { AccessDeps } from './revokeAccountAccess.js';
import { revokeGrant } from './revokeGrant.js';

export async function revokeAppAccess(
  access: Pick<AccessDeps, 'artifacts' | 'signedOut'>,
  accountId: string,
  clientId: string,
  change: Change,
): Promise<void> {
  const grants = (await listAccountGrants(access, accountId)).filter((grant) => grant.clientId === clientId);
  const sessions = (await access.artifacts.listByAccountId('Session', accountId)).map(({ payload }) => payload);
  for (const { grantId } of grants) await revokeGrant(access.artifacts, grantId);
  await rememberedConsents(access.artifacts).forget(accountId, clientId);
  await access.signedOut({ accountId, sessions: sessionsOf(sessions, clientId), clientIds: [clientId] });
  recordChange(change, {
    event: 'grant.revoked',
    accountId,
    clientId,
    details: { grantIds: grants.map((grant) => grant.grantId), consentForgotten: true },
  });
}
