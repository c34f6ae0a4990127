// A server-rendered web app (Express) that signs people in with Ostiary through openid-client: a
// confidential client, its session in a cookie (express-session; the tokens stay on the server),
// the notes API called with the person's access token, refreshed shortly before it expires (the
// refresh token rotates), RP-initiated logout, and back-channel logout: Ostiary POSTs a logout
// token when the person signs out elsewhere or an operator signs them out, and the sessions it
// names end here too.
//
//   ISSUER=http://localhost:3000 CLIENT_ID=... CLIENT_SECRET=... PORT=4003 npx tsx examples/web-app/server.ts
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import session, { MemoryStore } from 'express-session';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';

export interface WebAppOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where this app is reached, e.g. http://127.0.0.1:4003 (the redirect URIs hang off it). */
  readonly baseUrl: string;
  /** The notes API and its resource indicator. */
  readonly apiUrl: string;
  readonly resource: string;
  /** Refresh this long before the access token expires. */
  readonly refreshBeforeSeconds?: number;
  /** Epoch milliseconds (tests move it). */
  readonly now?: () => number;
}

interface SignedIn {
  sub: string;
  sid?: string;
  name?: string;
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
  refreshes: number;
}

declare module 'express-session' {
  interface SessionData {
    pending?: { verifier: string; state: string; nonce: string };
    user?: SignedIn;
  }
}

const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const page = (body: string) =>
  `<!doctype html><meta charset="utf-8"><title>Web app</title><body style="font-family:sans-serif;max-width:40em;margin:2em auto">${body}</body>`;

export function webApp(options: WebAppOptions) {
  const now = options.now ?? Date.now;
  const issuer = new URL(options.issuer);
  const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {};
  // client_secret_basic, as the client is registered (openid-client defaults to client_secret_post).
  const auth = oidc.ClientSecretBasic(options.clientSecret);
  const configuration = oidc.discovery(issuer, options.clientId, undefined, auth, insecure);
  const callback = `${options.baseUrl}/callback`;
  const signedOut = `${options.baseUrl}/signed-out`;
  const jwks = createRemoteJWKSet(new URL(`${options.issuer}/jwks`));
  const sessions = new MemoryStore();
  /** Which of our sessions each Ostiary session (sid) and person (sub) has, for back-channel logout. */
  const bySid = new Map<string, Set<string>>();
  const bySub = new Map<string, Set<string>>();
  const seenLogoutTokens = new Set<string>();
  const index = (map: Map<string, Set<string>>, key: string | undefined, id: string) => {
    if (key) map.set(key, (map.get(key) ?? new Set()).add(id));
  };

  const app = express();
  app.use(
    session({
      store: sessions,
      secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: options.baseUrl.startsWith('https:') },
    }),
  );

  /** The access token, refreshed first when it is about to expire; undefined when the refresh failed. */
  async function accessToken(req: Request): Promise<string | undefined> {
    const user = req.session.user;
    if (!user) return undefined;
    if (user.expiresAt - (options.refreshBeforeSeconds ?? 30) * 1000 > now()) return user.accessToken;
    if (!user.refreshToken) return undefined;
    try {
      const tokens = await oidc.refreshTokenGrant(await configuration, user.refreshToken, {
        resource: options.resource,
      });
      Object.assign(user, {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? user.refreshToken,
        expiresAt: now() + (tokens.expires_in ?? 0) * 1000,
        refreshes: user.refreshes + 1,
      });
      return user.accessToken;
    } catch {
      req.session.user = undefined; // revoked (a logout elsewhere, an operator): sign in again
      return undefined;
    }
  }

  app.get('/', async (req: Request, res: Response) => {
    const token = await accessToken(req);
    const user = req.session.user;
    if (!user || !token) return void res.send(page('<h1>Web app</h1><p><a href="/login">Sign in</a></p>'));
    const notes = await fetch(options.apiUrl, { headers: { authorization: `Bearer ${token}` } });
    const body = notes.ok ? ((await notes.json()) as { notes: { text: string }[] }) : { notes: [] };
    res.send(
      page(
        `<h1>Hello, <span id="name">${html(user.name ?? user.sub)}</span></h1>` +
          `<p>The notes API said <span id="api-status">${notes.status}</span>: ` +
          `${body.notes.map((note) => html(note.text)).join(', ')}</p>` +
          `<p>Access token refreshed <span id="refreshes">${user.refreshes}</span> times.</p>` +
          '<form method="post" action="/logout"><button>Sign out</button></form>',
      ),
    );
  });

  app.get('/login', async (req: Request, res: Response) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const pending = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
    req.session.pending = pending;
    const url = oidc.buildAuthorizationUrl(await configuration, {
      redirect_uri: callback,
      scope: 'openid profile offline_access read',
      resource: options.resource,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    res.redirect(url.href);
  });

  app.get('/callback', async (req: Request, res: Response) => {
    const pending = req.session.pending;
    if (!pending)
      return void res.status(400).send(page('<p>That sign-in expired. <a href="/login">Try again</a>.</p>'));
    try {
      const tokens = await oidc.authorizationCodeGrant(await configuration, new URL(req.originalUrl, options.baseUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = tokens.claims() as oidc.IDToken & { name?: string; sid?: string };
      req.session.regenerate((error) => {
        if (error) return void res.status(500).end();
        req.session.user = {
          sub: claims.sub,
          ...(claims.sid ? { sid: claims.sid } : {}),
          ...(claims.name ? { name: claims.name } : {}),
          idToken: tokens.id_token as string,
          accessToken: tokens.access_token,
          ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
          expiresAt: now() + (tokens.expires_in ?? 0) * 1000,
          refreshes: 0,
        };
        index(bySid, claims.sid, req.sessionID);
        index(bySub, claims.sub, req.sessionID);
        res.redirect('/');
      });
    } catch (error) {
      res.status(400).send(page(`<p>Sign-in failed: ${html((error as Error).message)}</p>`));
    }
  });

  app.post('/logout', async (req: Request, res: Response) => {
    const idToken = req.session.user?.idToken;
    req.session.destroy(async () => {
      if (!idToken) return void res.redirect('/');
      const url = oidc.buildEndSessionUrl(await configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: signedOut,
      });
      res.redirect(url.href);
    });
  });

  app.get('/signed-out', (_req: Request, res: Response) => {
    res.send(page('<h1>Signed out</h1><p><a href="/login">Sign in again</a></p>'));
  });

  // OpenID Connect Back-Channel Logout 1.0, 2.6: validate the logout token, then end the sessions.
  app.post('/backchannel-logout', express.urlencoded({ extended: false }), async (req: Request, res: Response) => {
    res.set('cache-control', 'no-store');
    try {
      const { payload } = await jwtVerify(String(req.body?.logout_token ?? ''), jwks, {
        issuer: options.issuer,
        audience: options.clientId,
        typ: 'logout+jwt',
        maxTokenAge: '2 minutes',
      });
      const events = payload.events as Record<string, unknown> | undefined;
      const valid =
        events?.['http://schemas.openid.net/event/backchannel-logout'] !== undefined &&
        !('nonce' in payload) &&
        (typeof payload.sub === 'string' || typeof payload.sid === 'string') &&
        typeof payload.jti === 'string' &&
        !seenLogoutTokens.has(payload.jti);
      if (!valid) return void res.status(400).json({ error: 'invalid_request' });
      seenLogoutTokens.add(payload.jti as string);
      const ids = typeof payload.sid === 'string' ? bySid.get(payload.sid) : bySub.get(payload.sub as string);
      for (const id of ids ?? []) sessions.destroy(id);
      res.status(200).end();
    } catch {
      res.status(400).json({ error: 'invalid_request' });
    }
  });

  return app;
}

export function startWebApp(options: WebAppOptions, port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = webApp(options).listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4003);
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name}`);
    return value;
  };
  await startWebApp(
    {
      issuer: process.env.ISSUER ?? 'http://localhost:3000',
      clientId: env('CLIENT_ID'),
      clientSecret: env('CLIENT_SECRET'),
      baseUrl: process.env.BASE_URL ?? `http://127.0.0.1:${port}`,
      apiUrl: process.env.API_URL ?? 'http://127.0.0.1:4001/notes',
      resource: process.env.RESOURCE ?? 'https://notes.example.com',
    },
    port,
  );
  console.log(`web app on http://127.0.0.1:${port}`);
}
