// examples/api: the notes API in Express (express-oauth2-jwt-bearer) and in Koa (jose), against a
// live Ostiary. Each answers 200 to a good token, 401 invalid_token to an expired, tampered,
// other-API or ID token, and 403 insufficient_scope naming the scope a route needs.
import type { Server } from 'node:http';
import test, { type ExecutionContext } from 'ava';
import { importJWK, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { startNotesApi } from '../../examples/api/express.js';
import { startNotesKoaApi } from '../../examples/api/koa.js';
import { readKeyRing } from '../../src/keys/readKeyRing.js';
import { admin, adminWith, type RegisteredClient } from '../helpers/admin.js';
import { freePort } from '../helpers/freePort.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { API, WEB_REDIRECT, type World, world } from '../helpers/world.js';

const NOTES = 'https://notes.example.com';

async function setUp(t: ExecutionContext) {
  const w = await world();
  t.teardown(() => w.op.stop());
  await admin(w.op.store, 'resource', 'add', '--id', NOTES, '--scope', 'read write');
  const reader = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Reader', '--grant', 'client_credentials', '--resource', NOTES, '--scope', 'read'],
  );
  const app = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Notes App', '--redirect-uri', WEB_REDIRECT, '--resource', NOTES],
  );
  return { w, reader, app };
}

/** An access token that is Ostiary's in every way but its expiry, an hour ago. */
async function expiredToken(w: World, client: string) {
  const ring = await readKeyRing(w.op.store);
  const key = ring.signing.keys.find((each) => each.state === 'current' && each.alg === 'ES256');
  if (!key) throw new Error('no ES256 key');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'read write', client_id: client })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
    .setIssuer(w.op.url)
    .setAudience(NOTES)
    .setSubject(client)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(await importJWK(key.jwk, 'ES256'));
}

const APIS = [
  ['express', (w: World, port: number) => startNotesApi({ issuer: w.op.url, audience: NOTES }, port)],
  ['koa', (w: World, port: number) => startNotesKoaApi({ issuer: w.op.url, audience: NOTES }, port)],
] as const;

for (const [name, start] of APIS) {
  test(`${name}: 200 for a good token, 401 invalid_token for a bad one, 403 insufficient_scope naming the scope`, async (t) => {
    const { w, reader, app } = await setUp(t);
    const port = await freePort();
    const server: Server = await start(w, port);
    t.teardown(() => server.close());
    const call = (token: string | undefined, method = 'GET') =>
      fetch(`http://127.0.0.1:${port}/notes`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'content-type': 'application/json',
        },
        ...(method === 'POST' ? { body: JSON.stringify({ text: 'x' }) } : {}),
      });

    const readerRp = await relyingParty(w.op.url, reader);
    const readToken = (await oidc.clientCredentialsGrant(readerRp, { resource: NOTES })).access_token;
    t.is((await call(readToken)).status, 200);

    const refusedAs = async (token: string | undefined, what: string) => {
      const response = await call(token);
      t.is(response.status, 401, what);
      const challenge = response.headers.get('www-authenticate') ?? '';
      t.regex(challenge, /^Bearer/, what);
      if (token) t.regex(challenge, /error="invalid_token"/, what);
    };
    await refusedAs(undefined, 'no token');
    await refusedAs(await expiredToken(w, reader.client_id), 'expired');
    await refusedAs(`${readToken.slice(0, -4)}AAAA`, 'tampered');
    const other = await oidc.clientCredentialsGrant(await relyingParty(w.op.url, w.service), { resource: API });
    await refusedAs(other.access_token, 'for another API');
    const appRp = await relyingParty(w.op.url, app);
    const tokens = await exchange(
      appRp,
      await signIn(appRp, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: NOTES }),
    );
    t.is((await call(tokens.access_token)).status, 200, "a person's token works");
    await refusedAs(tokens.id_token as string, 'an ID token');

    const write = await call(readToken, 'POST');
    t.is(write.status, 403);
    t.regex(write.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
    t.regex(write.headers.get('www-authenticate') ?? '', /scope="write"/);
  });
}

for (const [name, start] of [
  [
    'express',
    (w: World, port: number) => startNotesApi({ issuer: w.op.url, audience: NOTES, jwksCooldownMs: 0 }, port),
  ],
  ['koa', (w: World, port: number) => startNotesKoaApi({ issuer: w.op.url, audience: NOTES, jwksCooldownMs: 0 }, port)],
] as const) {
  test(`${name}: a token signed by a key made after the API last fetched /jwks is accepted (unknown kid: fetch again)`, async (t) => {
    const { w, reader } = await setUp(t);
    const port = await freePort();
    const server: Server = await start(w, port);
    t.teardown(() => server.close());
    const rp = await relyingParty(w.op.url, reader);
    const call = async () =>
      (
        await fetch(`http://127.0.0.1:${port}/notes`, {
          headers: {
            authorization: `Bearer ${(await oidc.clientCredentialsGrant(rp, { resource: NOTES })).access_token}`,
          },
        })
      ).status;
    t.is(await call(), 200); // the API has the key set now
    const { keys } = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--alg', 'ES256');
    await adminWith(w.op.store, w.op.config, 'keys', 'promote', keys[0].kid); // signs at once, unannounced
    await w.op.keys.tick();
    t.is(await call(), 200, 'the new kid sent the API back to /jwks');
  });
}
