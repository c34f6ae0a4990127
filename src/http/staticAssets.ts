// Serves the few files under views/assets (the stylesheet), read once at startup, with an ETag.
// Pages load nothing from anywhere else.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const MAX_AGE = 60 * 60; // 1 hour: small files, and a deploy should show up the same day

export function staticAssets(dir: string, prefix = '/assets/') {
  const files = new Map(
    readdirSync(dir)
      .filter((name) => TYPES[extname(name)])
      .map((name) => {
        const body = readFileSync(join(dir, name));
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        return [`${prefix}${name}`, { body, etag, type: TYPES[extname(name)] as string }];
      }),
  );
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
    ctx.body = file.body;
    return undefined;
  };
}
