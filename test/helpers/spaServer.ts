// A tiny real single-page app on its own loopback origin (http://127.0.0.1:PORT by default, while
// the provider is http://localhost:PORT), served by node:http. In the browser it does what a public
// client does: discovery, PKCE S256 with WebCrypto, a redirect to /auth, and on /callback the code
// exchange and one refresh with fetch, cross-origin, so only CORS lets it read the answers. It
// writes what it got into <pre id="result"> as JSON, or {"error": ...}.
//
// It also serves /frame?src=URL (a page that frames URL) and /blank, for tests that need some
// page on an origin other than the provider's.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { freePort } from './freePort.js';

export interface SpaConfig {
  readonly issuer: string;
  readonly clientId: string;
  /** @default 'openid email profile offline_access' */
  readonly scope?: string;
}

export interface SpaServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** origin + /callback, the redirect URI to register. */
  readonly redirectUri: string;
  /** Points the app at a provider and a registered client (registration needs the origin first). */
  configure(config: SpaConfig): void;
  stop(): Promise<void>;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// JSON inside <script>: nothing in it may close the element.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

// The app itself. Plain browser JavaScript; it trusts nothing in the callback URL it did not send.
const APP_SCRIPT = `
const config = JSON.parse(document.getElementById('config').textContent);
const result = document.getElementById('result');
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const show = (value, state) => { result.textContent = JSON.stringify(value, null, 2); result.dataset.state = state; };

async function discover() {
  const response = await fetch(new URL('/.well-known/openid-configuration', config.issuer));
  if (!response.ok) throw new Error('discovery answered ' + response.status);
  return response.json();
}

async function tokenRequest(metadata, params) {
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    body: new URLSearchParams({ client_id: config.clientId, ...params }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error('token endpoint answered ' + response.status + ': ' + JSON.stringify(body));
  return body;
}

async function signIn() {
  const metadata = await discover();
  const request = { verifier: random(), state: random(), nonce: random() };
  sessionStorage.setItem('request', JSON.stringify(request));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(request.verifier)));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: config.scope,
    state: request.state,
    nonce: request.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(url);
}

async function callback() {
  const params = new URLSearchParams(location.search);
  const request = JSON.parse(sessionStorage.getItem('request') ?? 'null');
  sessionStorage.removeItem('request');
  if (!request || params.get('state') !== request.state) throw new Error('state does not match');
  if (params.get('error')) throw new Error('authorization error: ' + params.get('error'));
  const metadata = await discover();
  if (params.get('iss') !== metadata.issuer) throw new Error('iss does not match: ' + params.get('iss'));
  const tokens = await tokenRequest(metadata, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: config.redirectUri,
    code_verifier: request.verifier,
  });
  const idToken = JSON.parse(atob(tokens.id_token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/')));
  if (idToken.nonce !== request.nonce) throw new Error('nonce does not match');
  const refreshed = await tokenRequest(metadata, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
  history.replaceState(null, '', '/'); // the code leaves the address bar, as a careful SPA does
  show({ tokens, refreshed, idToken }, 'done');
}

document.getElementById('sign-in').addEventListener('click', () => signIn().catch((e) => show({ error: String(e) }, 'error')));
if (location.pathname === '/callback') callback().catch((e) => show({ error: String(e) }, 'error'));
`;

export interface SpaServerOptions {
  /**
   * The host name in the origin; the server always listens on 127.0.0.1. 'localhost' makes the
   * app same-site with a provider on localhost (another port is still another origin).
   * @default '127.0.0.1'
   */
  readonly hostname?: '127.0.0.1' | 'localhost';
}

export async function startSpaServer({ hostname = '127.0.0.1' }: SpaServerOptions = {}): Promise<SpaServer> {
  const port = await freePort();
  const origin = `http://${hostname}:${port}`;
  const redirectUri = `${origin}/callback`;
  let config: (Required<SpaConfig> & { redirectUri: string }) | undefined;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, html: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    };
    if (url.pathname === '/' || url.pathname === '/callback') {
      if (!config) return send(503, page('SPA', '<p>not configured</p>'));
      return send(
        200,
        page(
          'SPA',
          `<h1>SPA</h1><button id="sign-in">Sign in</button><pre id="result"></pre>` +
            `<script id="config" type="application/json">${scriptJson(config)}</script>` +
            `<script type="module">${APP_SCRIPT}</script>`,
        ),
      );
    }
    if (url.pathname === '/frame') {
      const src = url.searchParams.get('src') ?? 'about:blank';
      return send(200, page('framing', `<iframe id="framed" title="framed" src="${escapeHtml(src)}"></iframe>`));
    }
    if (url.pathname === '/blank') return send(200, page('blank', ''));
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end(); // Chromium asks for one; a 404 would be a console error
      return undefined;
    }
    return send(404, page('not found', ''));
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');

  return {
    origin,
    redirectUri,
    configure(next) {
      config = { scope: 'openid email profile offline_access', ...next, redirectUri };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
