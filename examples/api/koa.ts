// The same notes API for Koa (or Fastify) users, with jose alone: createRemoteJWKSet keeps
// Ostiary's /jwks for cacheMaxAge and refetches it when a token names an unknown key (at most once
// per cooldown); jwtVerify checks the signature, `typ: at+jwt`, `iss`, `aud` and expiry. The RFC
// 6750 answers are written here: 401 `invalid_token` and 403 `insufficient_scope` with the scope.
//
//   ISSUER=http://localhost:3000 AUDIENCE=https://notes.example.com PORT=4002 npx tsx examples/api/koa.ts
import type { Server } from 'node:http';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import Koa, { type Context, type Next } from 'koa';

export interface KoaApiOptions {
  readonly issuer: string;
  readonly audience: string;
  /** The least time between two JWKS fetches for unknown keys (jose's default: 30 s). */
  readonly jwksCooldownMs?: number;
}

function refuse(ctx: Context, status: 401 | 403, error: string, description: string, scope?: string) {
  const scopePart = scope ? `, scope="${scope}"` : '';
  ctx.set('WWW-Authenticate', `Bearer error="${error}", error_description="${description}"${scopePart}`);
  ctx.status = status;
  ctx.body = { error, error_description: description };
}

export function notesKoaApi({ issuer, audience, jwksCooldownMs = 30_000 }: KoaApiOptions) {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`), {
    cacheMaxAge: 5 * 60 * 1000, // what Ostiary's /jwks Cache-Control allows by default (KEY_PROPAGATION / 2)
    cooldownDuration: jwksCooldownMs,
  });
  const app = new Koa();
  app.use(async (ctx: Context, next: Next) => {
    const [kind, token] = (ctx.get('authorization') || '').split(' ');
    if (kind?.toLowerCase() !== 'bearer' || !token) {
      ctx.set('WWW-Authenticate', 'Bearer'); // RFC 6750 3.1: no error code when no token was sent
      ctx.status = 401;
      return;
    }
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'] });
      ctx.state.token = payload;
    } catch {
      return refuse(ctx, 401, 'invalid_token', 'the access token is expired, tampered with or not for this API');
    }
    await next();
  });
  app.use(async (ctx: Context) => {
    const token = ctx.state.token as JWTPayload & { scope?: string };
    const needed = ctx.method === 'GET' ? 'read' : 'write';
    if (
      !String(token.scope ?? '')
        .split(' ')
        .includes(needed)
    ) {
      return refuse(ctx, 403, 'insufficient_scope', `this needs the ${needed} scope`, needed);
    }
    ctx.body = { notes: [{ text: 'Hello from the notes API (Koa)' }], for: token.sub };
  });
  return app;
}

export function startNotesKoaApi(options: KoaApiOptions, port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = notesKoaApi(options).listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4002);
  await startNotesKoaApi(
    {
      issuer: process.env.ISSUER ?? 'http://localhost:3000',
      audience: process.env.AUDIENCE ?? 'https://notes.example.com',
    },
    port,
  );
  console.log(`notes API (Koa) on http://127.0.0.1:${port}`);
}
