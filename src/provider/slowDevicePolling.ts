// Provider middleware: a device polling the token endpoint faster than the interval it was given
// (RFC 8628 3.5) is told `slow_down` (and, by the RFC, adds 5 seconds to its interval) instead of
// `authorization_pending`. Each poll of a device code is counted in the limit store, so every
// instance sees it; the key holds a hash of the device code, never the code.
import { createHash } from 'node:crypto';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { LimitStore } from '../store/Store.js';
import { throttleKeys } from '../throttle/throttleKeys.js';
import { ROUTES } from './providerRoutes.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The interval the device authorization response gives (oidc-provider's, RFC 8628's default). */
export const DEVICE_POLL_INTERVAL_SECONDS = 5;

export function slowDevicePolling(limits: LimitStore, now: () => number) {
  async function checked(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    const { grant_type: grantType, device_code: deviceCode } = ctx.oidc?.params ?? {};
    const pending = (ctx.body as { error?: string } | undefined)?.error === 'authorization_pending';
    if (grantType !== DEVICE_GRANT || typeof deviceCode !== 'string' || !pending) return;
    const key = throttleKeys.devicePolls(createHash('sha256').update(deviceCode).digest('base64url'));
    const { count } = await limits.count(key, DEVICE_POLL_INTERVAL_SECONDS * 1000, now());
    if (count > 1) {
      ctx.body = {
        error: 'slow_down',
        error_description: `poll at most every ${DEVICE_POLL_INTERVAL_SECONDS} seconds`,
      };
    }
  }
  return function slowDevicePollingMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    return ctx.method === 'POST' && ctx.path === ROUTES.token ? checked(ctx, next) : next();
  };
}
