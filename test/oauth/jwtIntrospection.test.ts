// Introspection and revocation of JWT access tokens (the tokens APIs get), on the embedded store
// and on Redis, through openid-client: active while the token's signature, expiry, grant and
// account hold, inactive once the grant is revoked (a revoked refresh token, a revoked access
// token, logout's revocation, `user revoke`) or the account is gone; asked by the client it was
// issued to or by a client registered for its API; revoking it revokes its whole grant.
import test, { type ExecutionContext } from 'ava';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { ADA, API, WEB_REDIRECT, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

for (const store of STORES) {
  async function setUp(t: ExecutionContext) {
    const w = await worldOn(t, store, redis);
    const web = await relyingParty(w.op.url, w.web);
    const tokens = await exchange(
      web,
      await signIn(web, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: API }),
    );
    t.is(decodeJwt(tokens.access_token).aud, API, 'a JWT access token for the API');
    const introspect = async (client: RegisteredClient, token = tokens.access_token) =>
      oidc.tokenIntrospection(await relyingParty(w.op.url, client), token);
    return { w, web, tokens, introspect };
  }

  test(`${store}: a JWT access token introspects as active, to its client and to its API's client`, async (t) => {
    const { w, tokens, introspect } = await setUp(t);
    const answer = await introspect(w.web);
    t.true(answer.active);
    t.is(answer.client_id, w.web.client_id);
    t.is(answer.aud, API);
    t.is(answer.scope, 'read');
    t.is(answer.token_type, 'Bearer');
    t.is(answer.sub, (await w.op.store.accounts.findByEmail(ADA.email))?.accountId);
    t.is(answer.grant_id, undefined, 'the grant stays ours');
    t.true((await introspect(w.service)).active, 'a client registered for the API may ask');
    t.false((await introspect(w.firstParty)).active, 'any other client learns nothing');

    const [header, payload, signature] = tokens.access_token.split('.');
    const forged = `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    t.false((await introspect(w.web, forged)).active, 'a wrong signature is not ours');
    const service = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', resource: API }, w.service);
    const serviceToken = ((await service.json()) as { access_token: string }).access_token;
    t.true((await introspect(w.service, serviceToken)).active, 'a client credentials token too');
  });

  test(`${store}: revoking the refresh token makes the access token inactive`, async (t) => {
    const { w, web, tokens, introspect } = await setUp(t);
    await oidc.tokenRevocation(web, tokens.refresh_token as string);
    t.false((await introspect(w.web)).active);
    t.false((await introspect(w.service)).active);
  });

  test(`${store}: revoking the JWT access token revokes its grant; another client's revocation does nothing`, async (t) => {
    const { w, web, tokens, introspect } = await setUp(t);
    const other = await postForm(w.op.url, '/token/revocation', { token: tokens.access_token }, w.service);
    t.is(other.status, 200);
    t.true((await introspect(w.web)).active, 'not the service’s to revoke');

    await oidc.tokenRevocation(web, tokens.access_token);
    t.false((await introspect(w.web)).active);
    const refresh = await postForm(
      w.op.url,
      '/token',
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
      w.web,
    );
    t.is(((await refresh.json()) as { error?: string }).error, 'invalid_grant', 'the whole sign-in is revoked');
    const audited = w.op.auditLines.find((line) => line.event === 'token.revoked');
    t.like(audited, { outcome: 'success', clientId: w.web.client_id, details: { kind: 'AccessToken', format: 'jwt' } });
  });

  test(`${store}: user revoke and user remove make the access token inactive`, async (t) => {
    const revoked = await setUp(t);
    await admin(revoked.w.op.store, 'user', 'revoke', ADA.email);
    t.false((await revoked.introspect(revoked.w.web)).active);

    const removed = await setUp(t);
    await admin(removed.w.op.store, 'user', 'remove', ADA.email);
    t.false((await removed.introspect(removed.w.web)).active);
  });
}
