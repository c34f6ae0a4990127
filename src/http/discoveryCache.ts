// GET /.well-known/openid-configuration from bytes computed once per provider instance.
// oidc-provider rebuilds the document on every request (about 7,000 req/s here); it depends only
// on the configuration and ISSUER (Host is pinned), so the provider's first answer is kept and
// replayed with an ETag and Cache-Control. A rebuilt provider (key rotation) answers afresh once.
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
const MAX_AGE = 5 * 60; // 5 minutes: the document only changes with the configuration

interface Cached {
  readonly body: Buffer;
  readonly etag: string;
}

export function discoveryCache(provider: () => Provider) {
  const cache = new WeakMap<Provider, Cached>();
  return async function discoveryCacheMiddleware(ctx: Context, next: Next) {
    if (ctx.path !== DISCOVERY_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const current = provider();
    const hit = cache.get(current);
    if (!hit) return keepFirstAnswer(ctx, next, (body) => cache.set(current, cached(body)));
    ctx.set('Cache-Control', `public, max-age=${MAX_AGE}`);
    ctx.set('ETag', hit.etag);
    ctx.set('Access-Control-Allow-Origin', '*');
    if (ctx.get('If-None-Match') === hit.etag) {
      ctx.status = 304;
      return undefined;
    }
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = hit.body;
    return undefined;
  };
}

const cached = (body: Buffer): Cached => ({
  body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});

/** Lets the provider answer, and hands the bytes of a 200 answer to `keep`. */
async function keepFirstAnswer(ctx: Context, next: Next, keep: (body: Buffer) => void) {
  const { res } = ctx;
  const end = res.end;
  res.end = function endAndKeep(this: typeof res, ...args: unknown[]) {
    const [chunk] = args;
    if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) keep(Buffer.from(chunk));
    return (end as (...a: unknown[]) => typeof res).apply(this, args);
  } as typeof res.end;
  await next();
}
