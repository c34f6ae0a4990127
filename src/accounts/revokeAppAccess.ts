// The account page's "Remove access": everything a person gave one client goes at once, every grant
// of that client (one per browser session that signed in to it, with their tokens and codes) and
// the consent remembered for it, so the client asks again next time. Audited as grant.revoked.
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { listAccountGrants } from './accountGrants.js';
import { rememberedConsents } from './rememberedConsents.js';
import { revokeGrant } from './revokeGrant.js';

export async function revokeAppAccess(
  store: Pick<Store, 'artifacts'>,
  accountId: string,
  clientId: string,
  change: Change,
): Promise<void> {
  const grants = (await listAccountGrants(store, accountId)).filter((grant) => grant.clientId === clientId);
  for (const { grantId } of grants) await revokeGrant(store.artifacts, grantId);
  await rememberedConsents(store.artifacts).forget(accountId, clientId);
  recordChange(change, {
    event: 'grant.revoked',
    accountId,
    clientId,
    details: { grantIds: grants.map((grant) => grant.grantId), consentForgotten: true },
  });
}
