// A notes API in Express that accepts Ostiary's access tokens, with express-oauth2-jwt-bearer.
//   GET  /notes   needs the scope `read`
//   POST /notes   needs the scope `write`
// It checks what RFC 9068 asks: the signature against Ostiary's /jwks, `typ: at+jwt` (strict: an
// ID token is refused), `iss`, `aud` (this API's resource indicator) and expiry. Errors are RFC
// 6750's: 401 with `WWW-Authenticate: Bearer error="invalid_token"`, 403 `insufficient_scope`
// naming the scope. The library keeps the JWKS for cacheMaxAge and fetches it again when a token
// names a key it does not know (a rotation), at most once per cooldown.
//
//   ISSUER=http://localhost:3000 AUDIENCE=https://notes.example.com PORT=4001 npx tsx examples/api/express.ts
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';

export interface ApiOptions {
  /** Ostiary's ISSUER. */
  readonly issuer: string;
  /** This API's resource indicator, registered with `ostiary resource add --id`. */
  readonly audience: string;
  /** Browser apps allowed to call it (an SPA's origin). */
  readonly corsOrigins?: readonly string[];
  /** Leeway for clocks that disagree (the library's default: 5 s). */
  readonly clockToleranceSeconds?: number;
  /** The least time between two JWKS fetches for unknown keys (the library's default: 30 s). */
  readonly jwksCooldownMs?: number;
}

export function notesApi(options: ApiOptions) {
  const { issuer, audience, corsOrigins = [], clockToleranceSeconds = 5, jwksCooldownMs = 30_000 } = options;
  const notes: { text: string; by: string }[] = [{ text: 'Hello from the notes API', by: 'nobody' }];
  const app = express();
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    if (origin && corsOrigins.includes(origin)) {
      res.set({
        'access-control-allow-origin': origin,
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-expose-headers': 'www-authenticate',
        vary: 'origin',
      });
    }
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  });
  app.use(
    auth({
      issuerBaseURL: issuer,
      audience,
      tokenSigningAlg: 'ES256',
      strict: true, // typ must be at+jwt (RFC 9068): an ID token is not an access token
      cacheMaxAge: 5 * 60 * 1000, // what Ostiary's /jwks Cache-Control allows by default (KEY_PROPAGATION / 2)
      clockTolerance: clockToleranceSeconds,
      cooldownDuration: jwksCooldownMs,
    }),
  );
  app.use(express.json());
  app.get('/notes', requiredScopes('read'), (req, res) => {
    res.json({ notes, for: req.auth?.payload.sub });
  });
  app.post('/notes', requiredScopes('write'), (req, res) => {
    const text = typeof req.body?.text === 'string' ? req.body.text.slice(0, 200) : '';
    if (!text) return void res.status(400).json({ error: 'invalid_request', error_description: 'text is required' });
    notes.push({ text, by: String(req.auth?.payload.sub) });
    res.status(201).json({ text });
  });
  // The library's errors carry the RFC 6750 status and WWW-Authenticate header; say it in JSON too.
  app.use(
    (
      error: { status?: number; code?: string; headers?: Record<string, string> },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      res
        .status(error.status ?? 500)
        .set(error.headers ?? {})
        .json({ error: error.code ?? 'server_error' });
    },
  );
  return app;
}

export function startNotesApi(options: ApiOptions, port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = notesApi(options).listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4001);
  await startNotesApi(
    {
      issuer: process.env.ISSUER ?? 'http://localhost:3000',
      audience: process.env.AUDIENCE ?? 'https://notes.example.com',
      corsOrigins: (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean),
    },
    port,
  );
  console.log(`notes API (Express) on http://127.0.0.1:${port}`);
}
