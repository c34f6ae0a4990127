import test from 'ava';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage } from '../helpers/UserAgent.js';
import { ADA, API, newWebApp, WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

test('a confidential web app signs in with PKCE and gets an ID token, an access token and a refresh token', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  t.is(signedIn.callback.searchParams.get('iss'), w.op.url, 'RFC 9207: iss in the authorization response');
  const tokens = await exchange(rp, signedIn);
  t.truthy(tokens.access_token);
  t.truthy(tokens.refresh_token, 'a refresh token without asking for offline_access');
  t.is(tokens.expires_in, 15 * 60);

  const jwks = createRemoteJWKSet(new URL(`${w.op.url}/jwks`));
  const { payload, protectedHeader } = await jwtVerify(tokens.id_token as string, jwks, {
    issuer: w.op.url,
    audience: w.web.client_id,
  });
  t.is(protectedHeader.alg, 'RS256');
  t.truthy(protectedHeader.kid);
  t.is(payload.email, ADA.email);
  t.is(payload.email_verified, true);
  t.is(payload.name, ADA.name);
  t.is(payload.nonce, signedIn.nonce);
  t.is((payload.exp as number) - (payload.iat as number), 60 * 60);

  const userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, payload.sub as string);
  t.is(userinfo.email, ADA.email);
});

test('a login that names a resource gets an RFC 9068 JWT access token for that API', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: API });
  const tokens = await exchange(rp, signedIn);
  const header = decodeProtectedHeader(tokens.access_token);
  t.is(header.typ, 'at+jwt');
  t.is(header.alg, 'ES256');
  const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${w.op.url}/jwks`)), {
    issuer: w.op.url,
    audience: API,
    typ: 'at+jwt',
  });
  t.is(payload.client_id, w.web.client_id);
  t.is(payload.scope, 'read');
  t.truthy(payload.jti);
  t.truthy(payload.sub);
  t.is((payload.exp as number) - (payload.iat as number), 15 * 60);
});

test('consent names the client and each scope in plain words, and deny sends access_denied back', async (t) => {
  // A client nobody here has allowed yet (consent is remembered across the file's sign-ins).
  const fresh = await newWebApp(w, 'Web <App>');
  const rp = await relyingParty(w.op.url, fresh);
  const { agent, page: loginPage } = await openLoginPage(rp, {
    redirect_uri: WEB_REDIRECT,
    scope: 'openid email',
    state: 'xyz',
  });
  const consent = await agent.submit(loginPage, '/login', { email: ADA.email, password: ADA.password });
  if (!isPage(consent)) return t.fail('expected the consent page');
  t.true(consent.html.includes('Web &lt;App&gt;'), 'client name, escaped');
  t.true(consent.html.includes('See your email address'));
  const denied = await agent.submit(consent, '/abort');
  if (isPage(denied)) return t.fail('expected a redirect to the client');
  const callback = new URL(denied.redirect);
  t.is(callback.origin + callback.pathname, WEB_REDIRECT);
  t.is(callback.searchParams.get('error'), 'access_denied');
  t.is(callback.searchParams.get('state'), 'xyz');
});

test('a first-party client is not asked for consent', async (t) => {
  const rp = await relyingParty(w.op.url, w.firstParty);
  const { agent, page: loginPage } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT, scope: 'openid email' });
  const after = await agent.submit(loginPage, '/login', { email: ADA.email, password: ADA.password });
  t.false(isPage(after), 'straight back to the client');
  if (!isPage(after)) t.truthy(new URL(after.redirect).searchParams.get('code'));
});

test('a wrong password and an unknown email get the same answer', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const answer = async (email: string, password: string) => {
    const { agent, page: loginPage } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
    const started = performance.now();
    const page = await agent.submit(loginPage, '/login', { email, password });
    const ms = performance.now() - started;
    if (!isPage(page)) throw new Error('expected the login page again');
    return { page, ms };
  };
  const wrongPassword: number[] = [];
  const unknownEmail: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const [email, times] of [
      [ADA.email, wrongPassword],
      ['nobody@example.com', unknownEmail],
    ] as const) {
      const { page, ms } = await answer(email, 'not the password');
      t.is(page.status, 401);
      t.true(page.html.includes('Invalid email or password'));
      times.push(ms);
    }
  }
  // Both ran an argon2id verification: the unknown email is not answered in a fraction of the time.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] as number;
  t.true(median(unknownEmail) > median(wrongPassword) * 0.3, `${unknownEmail} ms vs ${wrongPassword} ms`);
});

for (const alg of ['ES256', 'EdDSA'] as const) {
  test(`a client registered with --id-token-alg ${alg} gets ${alg} ID tokens that verify against the JWKS`, async (t) => {
    const client = await admin<RegisteredClient>(
      w.op.store,
      'client',
      'add',
      '--name',
      `${alg} app`,
      '--first-party',
      '--redirect-uri',
      WEB_REDIRECT,
      '--id-token-alg',
      alg,
    );
    await w.op.keys.tick(); // what the key poll does within seconds: an EdDSA key now exists
    const rp = await relyingParty(w.op.url, client);
    const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
    const { protectedHeader } = await jwtVerify(
      tokens.id_token as string,
      createRemoteJWKSet(new URL(`${w.op.url}/jwks`)),
      {
        issuer: w.op.url,
        audience: client.client_id,
        algorithms: [alg],
      },
    );
    t.is(protectedHeader.alg, alg);
  });
}
