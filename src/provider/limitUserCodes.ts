// Provider middleware: device user codes typed at /device are guesses, throttled per address
// (userCodeThrottle). A locked address gets a page saying how long to wait (429, Retry-After), its
// code unchecked; a code that matched nothing (unknown, expired or used) counts against the address.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { UserCodeThrottle } from '../throttle/userCodeThrottle.js';
import type { ProviderPages } from './providerPages.js';
import { ROUTES } from './providerRoutes.js';

export function limitUserCodes(
  throttle: UserCodeThrottle,
  pages: Pick<ProviderPages, 'userCodesThrottled'>,
  basePath: string,
) {
  async function limited(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    const refusal = await throttle.locked(ctx.ip);
    if (refusal) return pages.userCodesThrottled(ctx, refusal, basePath);
    await next();
    const typed = ctx.oidc?.params?.user_code;
    const matched = ctx.oidc?.entities?.DeviceCode !== undefined;
    if (typeof typed === 'string' && typed.trim() && !matched) await throttle.wrong(ctx.ip);
  }
  return function limitUserCodesMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    return ctx.method === 'POST' && ctx.path === ROUTES.code_verification ? limited(ctx, next) : next();
  };
}
