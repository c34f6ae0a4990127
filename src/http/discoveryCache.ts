// The discovery document as bytes, computed once per provider instance. oidc-provider rebuilds it
// on every request (about 7,000 req/s here); it depends only on the configuration and ISSUER
// (Host is pinned), so the provider's first answer is kept. The middleware lets that first
// request through and keeps the bytes; metadataFastPath serves them afterwards. A rebuilt provider
// (key rotation) answers afresh once.
import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import { type StaticDocument, staticDocument } from './staticDocument.js';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
const MAX_AGE = 5 * 60; // 5 minutes: the document only changes with the configuration

export interface DiscoveryCache {
  /** The kept document of the current provider, once its first answer went out. */
  current(): StaticDocument | undefined;
  /** Koa middleware that keeps the first 200 answer of each provider instance. */
  keep(ctx: Context, next: Next): Promise<unknown>;
}

export function discoveryCache(provider: () => Provider): DiscoveryCache {
  const cache = new WeakMap<Provider, StaticDocument>();
  return {
    current: () => cache.get(provider()),
    async keep(ctx, next) {
      if (ctx.path !== DISCOVERY_PATH || ctx.method !== 'GET' || cache.has(provider())) return next();
      const current = provider();
      const { res } = ctx;
      const end = res.end;
      res.end = function endAndKeep(this: typeof res, ...args: unknown[]) {
        const [chunk] = args;
        if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
          cache.set(current, staticDocument(Buffer.from(chunk), 'application/json; charset=utf-8', MAX_AGE));
        }
        return (end as (...a: unknown[]) => typeof res).apply(this, args);
      } as typeof res.end;
      return next();
    },
  };
}
