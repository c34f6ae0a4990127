// Provider middleware: a 503 tells clients when to try again (RFC 9110 10.2.3). Store outages
// are retried by ioredis every 500 ms or less, so 2 seconds is a fair first guess.
import type { KoaContextWithOIDC } from 'oidc-provider';

export async function retryAfterWhenUnavailable(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  if (ctx.status === 503) ctx.set('Retry-After', '2');
}
