// Takes back what a person allowed one client: the grant goes with every refresh token, stored
// access token and code issued under it, and the consent remembered for that client is forgotten.
// The next sign-in at that client asks for consent again.
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { AccountError } from './AccountError.js';
import { rememberedConsents } from './rememberedConsents.js';
import { revokeGrant } from './revokeGrant.js';

export async function revokeAccountGrant(
  store: Pick<Store, 'artifacts'>,
  accountId: string,
  grantId: string,
  change: Change,
): Promise<void> {
  const grant = await store.artifacts.find('Grant', grantId);
  if (!grant || grant.accountId !== accountId) {
    throw new AccountError('not_found', `account ${accountId} has no grant ${grantId}`);
  }
  await revokeGrant(store.artifacts, grantId);
  if (typeof grant.clientId === 'string') await rememberedConsents(store.artifacts).forget(accountId, grant.clientId);
  recordChange(change, {
    event: 'grant.revoked',
    accountId,
    clientId: typeof grant.clientId === 'string' ? grant.clientId : undefined,
    details: { grantId },
  });
}
