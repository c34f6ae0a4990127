// Encrypted ID tokens and userinfo (JWE), on the embedded store and on Redis: a client registered
// with its keys and --id-token-encryption gets a nested token, signed by us and then encrypted to
// its key (RSA-OAEP-256 or ECDH-ES, A256GCM); jose decrypts it with the client's private key, and
// the inner JWT verifies against our JWKS. Userinfo comes back the same way, as a JWT.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { compactDecrypt, createRemoteJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { relyingParty, signIn } from '../helpers/relyingParty.js';
import { tempDir } from '../helpers/tempDir.js';
import { ADA, WEB_REDIRECT, type World, world, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

const CASES = [
  { alg: 'RSA-OAEP-256', keyAlg: 'RSA-OAEP-256' },
  { alg: 'ECDH-ES', keyAlg: 'ECDH-ES' },
] as const;

/**
 * A sign-in, then the code exchanged by hand: openid-client would refuse the encrypted ID token,
 * which only the client's private key opens.
 */
async function signInForTokens(w: World, client: RegisteredClient, scope: string) {
  const rp = await relyingParty(w.op.url, client);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT, scope });
  const response = await postForm(
    w.op.url,
    '/token',
    {
      grant_type: 'authorization_code',
      code: signedIn.callback.searchParams.get('code') ?? '',
      redirect_uri: WEB_REDIRECT,
      code_verifier: signedIn.verifier,
    },
    client,
  );
  return { signedIn, tokens: (await response.json()) as { id_token: string; access_token: string } };
}

for (const store of STORES) {
  for (const { alg, keyAlg } of CASES) {
    test(`${store}: ${alg}: the ID token and userinfo are signed, then encrypted to the client's key`, async (t) => {
      const w = await worldOn(t, store, redis);
      const { publicKey, privateKey } = await generateKeyPair(keyAlg, { extractable: true });
      const file = join(tempDir('jwe'), 'keys.json');
      writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'enc-1', use: 'enc' }] }));
      const client = await admin<RegisteredClient>(
        w.op.store,
        ...['client', 'add', '--name', 'Private App', '--first-party', '--redirect-uri', WEB_REDIRECT],
        ...['--jwks', file, '--id-token-encryption', alg],
      );
      const { tokens, signedIn } = await signInForTokens(w, client, 'openid email');
      t.is(tokens.id_token.split('.').length, 5, 'a JWE');
      t.like(decodeProtectedHeader(tokens.id_token), { alg, enc: 'A256GCM', kid: 'enc-1', cty: 'JWT' });

      const jwks = createRemoteJWKSet(new URL(`${w.op.url}/jwks`));
      const inner = new TextDecoder().decode((await compactDecrypt(tokens.id_token, privateKey)).plaintext);
      const { payload } = await jwtVerify(inner, jwks, { issuer: w.op.url, audience: client.client_id });
      t.is(payload.email, ADA.email);
      t.is(payload.nonce, signedIn.nonce);

      const userinfo = await fetch(`${w.op.url}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      t.regex(userinfo.headers.get('content-type') ?? '', /^application\/jwt/);
      const sealed = await userinfo.text();
      const claims = new TextDecoder().decode((await compactDecrypt(sealed, privateKey)).plaintext);
      t.is((await jwtVerify(claims, jwks, { issuer: w.op.url })).payload.email, ADA.email);
    });
  }
}

test('encryption needs the client’s keys, with a key of the right type', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const base = ['client', 'add', '--name', 'X', '--redirect-uri', WEB_REDIRECT, '--id-token-encryption', 'ECDH-ES'];
  await t.throwsAsync(admin(w.op.store, ...base), { message: /--id-token-encryption.*public keys/ });
  const { publicKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true });
  const file = join(tempDir('jwe'), 'rsa.json');
  writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'r', use: 'enc' }] }));
  await t.throwsAsync(admin(w.op.store, ...base, '--jwks', file), { message: /ECDH-ES needs an EC key/ });
});

for (const store of STORES) {
  test(`${store}: client update turns encryption on with the client's keys, and off again`, async (t) => {
    const w = await worldOn(t, store, redis);
    const client = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Later Private', '--first-party', '--redirect-uri', WEB_REDIRECT],
    );
    const idTokenParts = async () => (await signInForTokens(w, client, 'openid')).tokens.id_token.split('.').length;
    t.is(await idTokenParts(), 3);
    const { publicKey } = await generateKeyPair('ECDH-ES', { extractable: true });
    const file = join(tempDir('jwe'), 'later.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'enc-2', use: 'enc' }] }));
    const on = await admin(
      w.op.store,
      'client',
      'update',
      client.client_id,
      '--jwks',
      file,
      '--id-token-encryption',
      'ECDH-ES',
    );
    t.is(on.id_token_encrypted_response_alg, 'ECDH-ES');
    t.is(await idTokenParts(), 5, 'a JWE from now on');
    const off = await admin(w.op.store, 'client', 'update', client.client_id, '--no-id-token-encryption');
    t.false('id_token_encrypted_response_alg' in off);
    t.is(await idTokenParts(), 3);
  });
}
