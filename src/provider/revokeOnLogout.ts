// Provider middleware: after a confirmed RP-initiated logout, revoke every grant the browser
// session handed out (refresh tokens, stored access tokens, codes), offline_access ones too
// unless LOGOUT_KEEPS_OFFLINE_ACCESS. oidc-provider would only revoke grants bound to the session
// lifetime, and binding refresh tokens to the session would kill them when the session idles out.
// Audited as logout, with how many grants went.
import type { KoaContextWithOIDC } from 'oidc-provider';
import { sessionGrantIds } from '../accounts/sessionGrantIds.js';
import type { Audit } from '../audit/Audit.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import type { ArtifactStore } from '../store/Store.js';
import { END_SESSION_CONFIRM } from './providerRoutes.js';
import { storeCall } from './storeCall.js';

export function revokeOnLogout(artifacts: ArtifactStore, keepOfflineAccess: boolean, audit: Audit) {
  async function revoking(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    if (ctx.status !== 303 || ctx.oidc?.route !== 'end_session_confirm') return;
    const { session, params, provider } = ctx.oidc;
    if (!params?.logout || !session) return;
    const grantIds = sessionGrantIds(session);
    const revoked = await Promise.all(
      grantIds.map(async (grantId) => {
        if (keepOfflineAccess) {
          const grant = await provider.Grant.find(grantId);
          if (grant?.getOIDCScope().split(' ').includes('offline_access')) return false;
        }
        await storeCall(() => artifacts.revokeByGrantId(grantId));
        return true;
      }),
    );
    audit.record({
      event: 'logout',
      outcome: 'success',
      ...auditFacts(requestContextOf(ctx.req)),
      accountId: session.accountId,
      details: { grantsRevoked: revoked.filter(Boolean).length },
    });
  }
  return function revokeOnLogoutMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    return ctx.method === 'POST' && ctx.path === END_SESSION_CONFIRM ? revoking(ctx, next) : next();
  };
}
