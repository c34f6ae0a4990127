// Takes back what a person allowed one client: the grant goes with every refresh token, stored
// access token and code issued under it, and the consent remembered for that client is forgotten.
// The next sign-in at that client asks for consent again.
import { type Change, recordChange } from '../audit/Change.js';
import { sessionsOf } from '../logout/EndedAccess.js';
import { AccountError } from './AccountError.js';
import { rememberedConsents } from './rememberedConsents.js';
import type { AccessDeps } from './revokeAccountAccess.js';
import { revokeGrant } from './revokeGrant.js';
import { sessionGrantIds } from './sessionGrantIds.js';

export async function revokeAccountGrant(
  access: Pick<AccessDeps, 'artifacts' | 'signedOut'>,
  accountId: string,
  grantId: string,
  change: Change,
): Promise<void> {
  const grant = await access.artifacts.find('Grant', grantId);
  if (!grant || grant.accountId !== accountId) {
    throw new AccountError('not_found', `account ${accountId} has no grant ${grantId}`);
  }
  await revokeGrant(access.artifacts, grantId);
  if (typeof grant.clientId === 'string') {
    await rememberedConsents(access.artifacts).forget(accountId, grant.clientId);
    // The app is told of the sessions that held this grant (for its sid), or of the person.
    const sessions = (await access.artifacts.listByAccountId('Session', accountId))
      .map(({ payload }) => payload)
      .filter((session) => sessionGrantIds(session).includes(grantId));
    // A grant no session holds any more (offline access): the app hears of the person.
    const clientIds = sessions.length ? [] : [grant.clientId];
    await access.signedOut({ accountId, sessions: sessionsOf(sessions, grant.clientId), clientIds });
  }
  recordChange(change, {
    event: 'grant.revoked',
    accountId,
    clientId: typeof grant.clientId === 'string' ? grant.clientId : undefined,
    details: { grantId },
  });
}
