import test from 'ava';
import * as oidc from 'openid-client';
import { UserAgent } from '../helpers/UserAgent.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

const authorize = async (params: Record<string, string>) => {
  const url = new URL('/auth', w.op.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return new UserAgent(w.op.url).request(url.href);
};
const challenge = async () => oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier());
const base = async () => ({
  client_id: w.web.client_id,
  response_type: 'code',
  scope: 'openid',
  redirect_uri: WEB_REDIRECT,
  code_challenge: await challenge(),
  code_challenge_method: 'S256',
  state: 'st',
});

const redirectError = (response: Response) => {
  const location = new URL(response.headers.get('location') ?? '');
  return { target: `${location.origin}${location.pathname}`, error: location.searchParams.get('error') };
};

test('an authorization request without PKCE is refused at the redirect URI', async (t) => {
  const { code_challenge: _c, code_challenge_method: _m, ...params } = await base();
  const response = await authorize(params);
  t.is(response.status, 303);
  t.deepEqual(redirectError(response), { target: WEB_REDIRECT, error: 'invalid_request' });
});

test('the plain PKCE method is refused: S256 only', async (t) => {
  const response = await authorize({
    ...(await base()),
    code_challenge_method: 'plain',
    code_challenge: 'a'.repeat(43),
  });
  t.is(redirectError(response).error, 'invalid_request');
});

test('implicit and hybrid response types are not supported', async (t) => {
  for (const responseType of ['token', 'id_token', 'code id_token']) {
    const response = await authorize({ ...(await base()), response_type: responseType, nonce: 'n' });
    t.true([303, 400].includes(response.status), responseType);
    const location = response.headers.get('location');
    if (location) t.is(new URL(location.replace('#', '?')).searchParams.get('error'), 'unsupported_response_type');
  }
});

for (const [name, redirectUri] of [
  ['an extra path segment', `${WEB_REDIRECT}/more`],
  ['an extra query', `${WEB_REDIRECT}?next=/admin`],
  ['another host', 'https://evil.example.com/callback'],
  ['a different scheme', WEB_REDIRECT.replace('https:', 'http:')],
] as const) {
  test(`a redirect_uri with ${name} gets an error page and no redirect`, async (t) => {
    const response = await authorize({ ...(await base()), redirect_uri: redirectUri });
    t.is(response.status, 400);
    t.is(response.headers.get('location'), null);
    const html = await response.text();
    t.regex(response.headers.get('content-type') ?? '', /text\/html/);
    t.true(html.includes('redirect_uri did not match'));
    t.false(html.includes('evil.example.com'));
  });
}

test('an unknown client gets an error page, never a redirect', async (t) => {
  const response = await authorize({ ...(await base()), client_id: 'no-such-client' });
  t.is(response.status, 400);
  t.is(response.headers.get('location'), null);
  t.regex(await response.text(), /invalid_client/);
});

test('reflected request values are escaped on the error page', async (t) => {
  const response = await authorize({ ...(await base()), client_id: '<script>alert(1)</script>' });
  const html = await response.text();
  t.false(html.includes('<script>alert(1)</script>'));
});
