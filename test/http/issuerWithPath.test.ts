// ISSUER with a path (https://example.com/id), so Ostiary can share a domain: every route is
// served under the path, discovery follows OpenID Connect Discovery (issuer + /.well-known/...),
// tokens carry the issuer with its path, cookies stay under it, and nothing is served outside it.
import test from 'ava';
import * as oidc from 'openid-client';
import { adminCaller } from '../admin/adminClient.js';
import { freePort } from '../helpers/freePort.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
let origin: string;
test.before(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  w = await world({ PORT: String(port), ISSUER: `${origin}/id` });
});
test.after.always(() => w?.op.stop());

test('discovery lives under the issuer and names only URLs under it', async (t) => {
  t.is(w.op.url, `${origin}/id`);
  const response = await fetch(`${origin}/id/.well-known/openid-configuration`);
  t.is(response.status, 200);
  const metadata = (await response.json()) as Record<string, unknown>;
  t.is(metadata.issuer, `${origin}/id`);
  for (const name of [
    'authorization_endpoint',
    'token_endpoint',
    'jwks_uri',
    'userinfo_endpoint',
    'end_session_endpoint',
  ]) {
    t.true(String(metadata[name]).startsWith(`${origin}/id/`), `${name}: ${metadata[name]}`);
  }
  t.is((await fetch(`${origin}/id/jwks`)).status, 200);
  t.is((await fetch(`${origin}/id/assets/ostiary.css`)).status, 200);
  for (const outside of ['/.well-known/openid-configuration', '/jwks', '/token', '/idx/jwks', '/']) {
    const refused = await fetch(`${origin}${outside}`);
    await refused.body?.cancel();
    t.is(refused.status, 404, outside);
  }
});

test('a person signs in through the pages under the path; tokens carry the issuer with its path', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  t.is(signedIn.callback.searchParams.get('iss'), `${origin}/id`);
  const tokens = await exchange(rp, signedIn);
  t.is(tokens.claims()?.iss, `${origin}/id`);
  const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
  t.truthy(refreshed.access_token);
  const cookies = signedIn.agent.jar.header() ?? '';
  t.true(cookies.length > 0);
  const login = await fetch(
    `${origin}/id/auth?client_id=${w.web.client_id}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(WEB_REDIRECT)}&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
    { redirect: 'manual' },
  );
  await login.body?.cancel();
  for (const cookie of login.headers.getSetCookie()) t.regex(cookie, /path=\/id/i, cookie.split(';')[0]);
});

test("the admin API is under the path too, for tokens of the issuer's own /admin API", async (t) => {
  const ops = await adminCaller(w.op, 'admin:read');
  const listed = await ops.call('GET', '/users');
  t.is(listed.status, 200);
  const document = (await (await fetch(`${origin}/id/admin/v1/openapi.json`)).json()) as { servers: { url: string }[] };
  t.is(document.servers[0]?.url, `${origin}/id/admin/v1`);
});
