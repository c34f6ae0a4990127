// Headers every response carries: no framing, no MIME sniffing, no referrer (URLs here can carry
// codes and state), HSTS when the issuer is https, and a CSP that pages tighten further.
import type { Context, Next } from 'koa';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';

const HSTS_MAX_AGE = 365 * 24 * 60 * 60; // 1 year, the value hstspreload.org asks for

export function securityHeaders(issuer: URL) {
  const hsts = issuer.protocol === 'https:' ? `max-age=${HSTS_MAX_AGE}; includeSubDomains` : undefined;
  const csp = contentSecurityPolicy();
  return async function securityHeadersMiddleware(ctx: Context, next: Next) {
    ctx.set('Content-Security-Policy', csp);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (hsts) ctx.set('Strict-Transport-Security', hsts);
    await next();
  };
}
