// Provider middleware: after a confirmed RP-initiated logout, revoke every grant the browser
// session handed out (refresh tokens, stored access tokens, codes), offline_access ones too
// unless LOGOUT_KEEPS_OFFLINE_ACCESS. oidc-provider would only revoke grants bound to the session
// lifetime, and binding refresh tokens to the session would kill them when the session idles out.
// Audited as logout, with how many grants went. The apps the session signed in to are told
// (back-channel logout, in the background), each with the sid it knows the session by.
import type { KoaContextWithOIDC, default as Provider } from 'oidc-provider';
import { revokeGrant } from '../accounts/revokeGrant.js';
import { sessionGrantIds } from '../accounts/sessionGrantIds.js';
import type { Audit } from '../audit/Audit.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import { type SignedOut, sessionsOf } from '../logout/EndedAccess.js';
import type { ArtifactStore } from '../store/Store.js';
import { END_SESSION_CONFIRM } from './providerRoutes.js';
import { storeCall } from './storeCall.js';

type Authorizations = Record<string, { grantId?: string; sid?: string }>;

export function revokeOnLogout(
  artifacts: ArtifactStore,
  keepOfflineAccess: boolean,
  audit: Audit,
  signedOut: SignedOut,
) {
  // What was allowed stays remembered (rememberedConsents): logging out is not taking consent back.
  const revokeSessionGrant = (grantId: string) => storeCall(() => revokeGrant(artifacts, grantId));
  async function revoking(ctx: KoaContextWithOIDC, next: () => Promise<void>, provider: Provider) {
    // Which grant each client holds in this session, read before oidc-provider forgets it (signing
    // out of one client only removes that client from the session).
    const before: Authorizations = { ...((await provider.Session.get(ctx)).authorizations as Authorizations) };
    await next();
    if (ctx.status !== 303 || ctx.oidc?.route !== 'end_session_confirm') return;
    const { session, params } = ctx.oidc;
    if (!session) return;
    const { accountId } = session;
    if (!params?.logout) {
      // "Sign out of <client> only": that client's grant goes (its refresh tokens too); the session
      // and the other clients stay.
      const clientId = ctx.oidc.client?.clientId;
      const grantId = clientId ? before[clientId]?.grantId : undefined;
      if (grantId) await revokeSessionGrant(grantId);
      if (clientId && accountId)
        await signedOut({ accountId, sessions: sessionsOf([{ authorizations: before }], clientId), clientIds: [] });
      const facts = auditFacts(requestContextOf(ctx.req));
      audit.record({
        event: 'logout',
        outcome: 'success',
        reason: 'client_only',
        ...facts,
        accountId: session.accountId,
        details: { grantsRevoked: grantId ? 1 : 0 },
      });
      return;
    }
    const grantIds = sessionGrantIds(session);
    const revoked = await Promise.all(
      grantIds.map(async (grantId) => {
        if (keepOfflineAccess) {
          const grant = await provider.Grant.find(grantId);
          if (grant?.getOIDCScope().split(' ').includes('offline_access')) return false;
        }
        await revokeSessionGrant(grantId);
        return true;
      }),
    );
    if (accountId) await signedOut({ accountId, sessions: [{ authorizations: before }], clientIds: [] });
    audit.record({
      event: 'logout',
      outcome: 'success',
      ...auditFacts(requestContextOf(ctx.req)),
      accountId: session.accountId,
      details: { grantsRevoked: revoked.filter(Boolean).length },
    });
  }
  return (provider: Provider) =>
    function revokeOnLogoutMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
      return ctx.method === 'POST' && ctx.path === END_SESSION_CONFIRM ? revoking(ctx, next, provider) : next();
    };
}
