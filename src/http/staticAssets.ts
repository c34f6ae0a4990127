// Serves the few files under views/assets (the stylesheet, the passkey script) and those made at
// startup (the brand's, the WebAuthn library's bundle), read once, with an ETag. Pages load nothing
// from anywhere else.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, Next } from 'koa';
import type { Asset } from './brandAssets.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
};
const MAX_AGE = 60 * 60; // 1 hour: small files, and a deploy should show up the same day

const entry = (body: Buffer, type: string) => {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag, type };
};

/** `extra`: assets made at startup (the brand's logo and colours, the WebAuthn bundle). */
export function staticAssets(dir: string, prefix = '/assets/', extra: readonly Asset[] = []) {
  const files = new Map([
    ...readdirSync(dir)
      .filter((name) => TYPES[extname(name)])
      .map(
        (name) => [`${prefix}${name}`, entry(readFileSync(join(dir, name)), TYPES[extname(name)] as string)] as const,
      ),
    ...extra.map((asset) => [asset.path, entry(asset.body, asset.type)] as const),
  ]);
  return async function staticAssetsMiddleware(ctx: Context, next: Next) {
    const file = ctx.method === 'GET' || ctx.method === 'HEAD' ? files.get(ctx.path) : undefined;
    if (!file) return next();
    ctx.set('Cache-Control', `public, max-age=${MAX_AGE}`);
    ctx.set('ETag', file.etag);
    if (ctx.get('If-None-Match') === file.etag) {
      ctx.status = 304;
      return undefined;
    }
    ctx.type = file.type;
    // An SVG opened on its own is a document: it may run nothing.
    if (file.type.startsWith('image/svg'))
      ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    ctx.body = file.body;
    return undefined;
  };
}
