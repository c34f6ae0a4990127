// GET /jwks from precomputed bytes: public members only, every key with kid, current keys first.
// Cacheable for half of KEY_PROPAGATION, so a resource server that honours the header has seen a
// new key well before it signs; the ETag answers a revalidation with 304.
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import { publicJwks } from '../keys/providerJwks.js';
import type { SigningKeySet } from '../keys/SigningKeyRecord.js';

export interface JwksDocument {
  readonly body: Buffer;
  readonly etag: string;
  readonly cacheControl: string;
}

export function jwksDocument(set: SigningKeySet, propagationSeconds: number): JwksDocument {
  const body = Buffer.from(JSON.stringify(publicJwks(set)));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag, cacheControl: `public, max-age=${Math.floor(propagationSeconds / 2)}` };
}

export function jwksEndpoint(current: () => JwksDocument) {
  return async function jwksEndpointMiddleware(ctx: Context, next: Next) {
    if (ctx.path !== '/jwks' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const { body, etag, cacheControl } = current();
    ctx.set('Cache-Control', cacheControl);
    ctx.set('ETag', etag);
    ctx.set('Access-Control-Allow-Origin', '*'); // public keys, for browsers and servers alike
    if (ctx.get('If-None-Match') === etag) {
      ctx.status = 304;
      return undefined;
    }
    ctx.type = 'application/jwk-set+json';
    ctx.body = body;
    return undefined;
  };
}
