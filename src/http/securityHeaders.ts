// Headers every response carries: no framing, no MIME sniffing, no referrer (URLs here can carry
// codes and state), HSTS when the issuer is https, and a CSP that pages tighten further. Set on
// the raw response before anything else runs, so they hold for our routes and oidc-provider's.
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';

const HSTS_MAX_AGE = 365 * 24 * 60 * 60; // 1 year, the value hstspreload.org asks for

export function securityHeaders(issuer: URL) {
  const headers: [string, string][] = [
    ['Content-Security-Policy', contentSecurityPolicy()],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (issuer.protocol === 'https:')
    headers.push(['Strict-Transport-Security', `max-age=${HSTS_MAX_AGE}; includeSubDomains`]);
  return function setSecurityHeaders(res: ServerResponse): void {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}
