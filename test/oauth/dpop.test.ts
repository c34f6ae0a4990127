// DPoP (RFC 9449) through openid-client, on the embedded store and on Redis: a public client
// registered with --dpop gets access tokens bound to its key (cnf.jkt) and refresh tokens only that
// key can use; a proof carries a server nonce, which a second instance on the same store accepts;
// a proof works once; a --dpop client without a proof gets nothing.
import test, { type ExecutionContext } from 'ava';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { relyingParty, signIn } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { API, WEB_REDIRECT, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

for (const store of STORES) {
  async function setUp(t: ExecutionContext) {
    const w = await worldOn(t, store, redis);
    const app = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Pocket App', '--public', '--first-party', '--dpop'],
      ...['--redirect-uri', WEB_REDIRECT, '--resource', API],
    );
    return { w, app, rp: await relyingParty(w.op.url, app) };
  }

  test(`${store}: a --dpop client's tokens are bound to its key; only that key refreshes them`, async (t) => {
    const { rp } = await setUp(t);
    const keys = await oidc.randomDPoPKeyPair('ES256');
    const dpop = oidc.getDPoPHandle(rp, keys);
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: API });
    const tokens = await oidc.authorizationCodeGrant(
      rp,
      signedIn.callback,
      { pkceCodeVerifier: signedIn.verifier, expectedState: signedIn.state, expectedNonce: signedIn.nonce },
      undefined,
      { DPoP: dpop },
    );
    t.is(tokens.token_type, 'dpop');
    const jkt = await calculateJwkThumbprint((await exportJWK(keys.publicKey)) as JWK);
    t.deepEqual(decodeJwt(tokens.access_token).cnf, { jkt }, 'the API can check the key');

    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string, undefined, { DPoP: dpop });
    t.is(refreshed.token_type, 'dpop');
    const thief = oidc.getDPoPHandle(rp, await oidc.randomDPoPKeyPair('ES256'));
    const stolen = await t.throwsAsync(
      oidc.refreshTokenGrant(rp, refreshed.refresh_token as string, undefined, { DPoP: thief }),
    );
    t.is((stolen as oidc.ResponseBodyError).error, 'invalid_grant', 'a public client’s refresh token is bound too');
  });

  test(`${store}: a --dpop client without a proof gets no token`, async (t) => {
    const { w, app } = await setUp(t);
    const rp = await relyingParty(w.op.url, app);
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid' });
    const answer = await postForm(w.op.url, '/token', {
      grant_type: 'authorization_code',
      client_id: app.client_id,
      code: signedIn.callback.searchParams.get('code') ?? '',
      redirect_uri: WEB_REDIRECT,
      code_verifier: signedIn.verifier,
    });
    t.is(answer.status, 400);
    t.is(
      ((await answer.json()) as { error: string }).error,
      'invalid_grant',
      'the code needs the proof it was bound to',
    );
  });

  test(`${store}: a nonce from one instance works at another; a proof works once`, async (t) => {
    const { w } = await setUp(t);
    const service = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Worker', '--grant', 'client_credentials', '--resource', API, '--dpop'],
    );
    // A second instance on the same store, serving the same issuer.
    const other = await startOstiary({ ISSUER: w.op.url }, { store: w.op.store });
    t.teardown(() => other.stop());
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const proof = (nonce?: string) =>
      new SignJWT({ htm: 'POST', htu: `${w.op.url}/token`, jti: crypto.randomUUID(), ...(nonce ? { nonce } : {}) })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk })
        .setIssuedAt()
        .sign(privateKey);
    const token = (at: string, dpopProof: string) =>
      fetch(`${at}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${service.client_id}:${service.client_secret}`).toString('base64')}`,
          dpop: dpopProof,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: API }),
      });
    const first = await token(w.op.url, await proof());
    t.is(first.status, 400);
    t.is(((await first.json()) as { error: string }).error, 'use_dpop_nonce');
    const nonce = first.headers.get('dpop-nonce') ?? '';
    t.truthy(nonce);

    const withNonce = await proof(nonce);
    const there = await token(other.url, withNonce);
    t.is(there.status, 200, 'the other instance accepts the first one’s nonce');
    t.is(((await there.json()) as { token_type: string }).token_type, 'DPoP');
    const replayed = await token(w.op.url, withNonce);
    t.is(replayed.status, 400, 'the same proof again, at either instance');
    t.is(((await replayed.json()) as { error: string }).error, 'invalid_grant');
    t.is((await token(w.op.url, await proof(nonce))).status, 200, 'a new proof with the same nonce is fine');
  });
}
