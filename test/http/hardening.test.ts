import test from 'ava';
import { isPage, UserAgent } from '../helpers/UserAgent.js';
import { SPA_ORIGIN, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

test('discovery advertises URLs from ISSUER whatever Host and X-Forwarded-Host say', async (t) => {
  const forged = await fetch(`${w.op.url}/.well-known/openid-configuration`, {
    headers: { host: 'evil.example.com', 'x-forwarded-host': 'evil.example.com', 'x-forwarded-proto': 'https' },
  });
  const metadata = (await forged.json()) as Record<string, unknown>;
  t.is(metadata.issuer, w.op.url);
  for (const name of [
    'authorization_endpoint',
    'token_endpoint',
    'jwks_uri',
    'userinfo_endpoint',
    'end_session_endpoint',
  ]) {
    t.true(String(metadata[name]).startsWith(`${w.op.url}/`), `${name}: ${metadata[name]}`);
  }
  t.deepEqual(metadata.response_types_supported, ['code']);
  t.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  t.is(metadata.authorization_response_iss_parameter_supported, true);
});

test('the JWKS publishes public members only, each key with a kid; no EdDSA key until one is asked for', async (t) => {
  const { keys } = (await (await fetch(`${w.op.url}/jwks`)).json()) as { keys: Record<string, unknown>[] };
  t.deepEqual(keys.map((key) => key.alg).sort(), ['ES256', 'RS256'], 'RS256 for ID tokens, ES256 for access tokens');
  for (const key of keys) {
    t.truthy(key.kid);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) t.is(key[member], undefined, member);
  }
});

test('discovery and JWKS are open to every origin', async (t) => {
  for (const path of ['/.well-known/openid-configuration', '/jwks']) {
    const response = await fetch(`${w.op.url}${path}`, { headers: { origin: 'https://anyone.example.com' } });
    t.true(
      ['*', 'https://anyone.example.com'].includes(response.headers.get('access-control-allow-origin') ?? ''),
      path,
    );
  }
});

const preflight = (origin: string) =>
  fetch(`${w.op.url}/token`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' },
  });

test('the token endpoint allows CORS only from origins registered on the client', async (t) => {
  const allowed = await fetch(`${w.op.url}/token`, {
    method: 'POST',
    headers: { origin: SPA_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: w.spa.client_id }),
  });
  t.is(allowed.headers.get('access-control-allow-origin'), SPA_ORIGIN);
  const denied = await fetch(`${w.op.url}/token`, {
    method: 'POST',
    headers: { origin: 'https://evil.example.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: w.spa.client_id }),
  });
  t.is(denied.headers.get('access-control-allow-origin'), null);
  t.is((await preflight(SPA_ORIGIN)).status, 204);
});

test('pages carry a strict CSP that forbids framing, and the usual hardening headers', async (t) => {
  const agent = new UserAgent(w.op.url);
  const url = new URL('/auth', w.op.url);
  url.search = new URLSearchParams({
    client_id: w.web.client_id,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: 'https://web.example.com/callback',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  const page = await agent.navigate(url.href);
  t.true(isPage(page));
  const response = await agent.request(isPage(page) ? page.url : '');
  const csp = response.headers.get('content-security-policy') ?? '';
  t.regex(csp, /default-src 'none'/);
  t.regex(csp, /frame-ancestors 'none'/);
  t.regex(csp, /form-action 'self' https:\/\/web\.example\.com/);
  t.is(response.headers.get('x-frame-options'), 'DENY');
  t.is(response.headers.get('x-content-type-options'), 'nosniff');
  t.is(response.headers.get('referrer-policy'), 'no-referrer');
  t.is(response.headers.get('cache-control'), 'no-store');
});

const tokenPost = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${w.op.url}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${w.web.client_id}:${w.web.client_secret}`).toString('base64')}`,
      ...headers,
    },
    body,
  });

for (const [name, body, headers] of [
  ['an unknown grant type', 'grant_type=password&username=a&password=b', {}],
  ['duplicate parameters', 'grant_type=refresh_token&refresh_token=a&refresh_token=b', {}],
  ['bad percent-encoding', 'grant_type=refresh_token&refresh_token=%zz%', {}],
  ['a JSON body', '{"grant_type":"client_credentials"}', { 'content-type': 'application/json' }],
  ['no grant type', 'foo=bar', {}],
  ['an oversized body', `grant_type=refresh_token&refresh_token=${'a'.repeat(2 * 1024 * 1024)}`, {}],
] as const) {
  test(`the token endpoint answers ${name} with a 4xx OAuth error`, async (t) => {
    const response = await tokenPost(body, headers);
    t.true(response.status >= 400 && response.status < 500, String(response.status));
    const json = (await response.json()) as { error?: string };
    t.regex(json.error ?? '', /^[a-z_]+$/);
  });
}

test('a login form with a bad CSRF token is refused with a readable page', async (t) => {
  const response = await fetch(`${w.op.url}/interaction/abc/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=a&password=b&csrf=forged',
  });
  t.true(response.status >= 400 && response.status < 500);
  t.regex(await response.text(), /start again|try again/);
});

test('health and readiness answer', async (t) => {
  t.is((await fetch(`${w.op.url}/healthz`)).status, 200);
  const ready = await fetch(`${w.op.url}/readyz`);
  t.is(ready.status, 200);
  t.like(await ready.json(), { status: 'ready', store: 'embedded' });
});

test('discovery is served from precomputed bytes with an ETag, and the same document every time', async (t) => {
  const first = await fetch(`${w.op.url}/.well-known/openid-configuration`);
  const firstBody = await first.text();
  const second = await fetch(`${w.op.url}/.well-known/openid-configuration`);
  t.is(await second.text(), firstBody);
  t.is(second.headers.get('cache-control'), 'public, max-age=300');
  const etag = second.headers.get('etag') ?? '';
  t.truthy(etag);
  t.is(
    (await fetch(`${w.op.url}/.well-known/openid-configuration`, { headers: { 'if-none-match': etag } })).status,
    304,
  );
  t.is(JSON.parse(firstBody).issuer, w.op.url);
});
