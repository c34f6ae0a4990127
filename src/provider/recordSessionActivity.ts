// Provider middleware: after an authorization request that a signed-in session answered, notes
// that the session was used now and from which browser (sessionActivity), for the account page.
// Best effort: a store that fails here fails nothing else.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SessionActivity } from '../accounts/sessionActivity.js';
import { isAuthorizationPath } from './providerRoutes.js';

export function recordSessionActivity(activity: SessionActivity) {
  return async function recordSessionActivityMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    if (!isAuthorizationPath(ctx.path)) return;
    const session = ctx.oidc?.session;
    if (session?.accountId && session.uid) {
      await activity.seen(session.uid, ctx.get('user-agent')).catch(() => undefined);
    }
  };
}
