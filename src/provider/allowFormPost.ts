// Provider middleware: a response_mode=form_post answer is a page that posts the code to the
// client's redirect_uri. The CSP every response carries allows forms to post to us only, which
// would block it, so such a page's form-action also names the origin of that redirect_uri (one
// oidc-provider has checked against the client's registration), and nothing else.
import type { KoaContextWithOIDC } from 'oidc-provider';
import { originOf } from '../http/contentSecurityPolicy.js';
import { isAuthorizationPath } from './providerRoutes.js';

const CSP = 'content-security-policy';

/** `csp` with `origin` added to its form-action directive. */
export function withFormTarget(csp: string, origin: string): string {
  return csp
    .split(';')
    .map((directive) => {
      const trimmed = directive.trim();
      return trimmed.startsWith('form-action ') && !trimmed.split(/\s+/).includes(origin)
        ? `${trimmed} ${origin}`
        : trimmed;
    })
    .join('; ');
}

export function allowFormPost(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  return isAuthorizationPath(ctx.path) ? withFormPostTarget(ctx, next) : next();
}

async function withFormPostTarget(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  const { oidc } = ctx;
  if (!ctx.response.is('html') || !oidc?.redirectUriCheckPerformed) return;
  if (oidc.params?.response_mode !== 'form_post') return;
  const [origin] = originOf(oidc.params.redirect_uri);
  const csp = ctx.response.get(CSP);
  if (origin && typeof csp === 'string' && csp) ctx.set(CSP, withFormTarget(csp, origin));
}
