import test from 'ava';
import * as oidc from 'openid-client';
import type { RegisteredClient } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

const post = (path: string, body: Record<string, string>, client?: RegisteredClient) =>
  postForm(w.op.url, path, body, client);

test('introspection and revocation require client authentication', async (t) => {
  for (const path of ['/token/introspection', '/token/revocation']) {
    const response = await post(path, { token: 'anything' });
    const body = (await response.json()) as { error: string; active?: boolean };
    t.true([400, 401].includes(response.status), path);
    t.true(['invalid_request', 'invalid_client'].includes(body.error), body.error);
    t.is(body.active, undefined);
  }
});

test('introspection reports an issued access token and refresh token as active, with their details', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const at = await oidc.tokenIntrospection(rp, tokens.access_token);
  t.true(at.active);
  t.is(at.client_id, w.web.client_id);
  t.truthy(at.sub);
  const rt = await oidc.tokenIntrospection(rp, tokens.refresh_token as string);
  t.true(rt.active);
  t.is(rt.client_id, w.web.client_id);
});

test('a revoked refresh token introspects as inactive and can no longer be used', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  await oidc.tokenRevocation(rp, tokens.refresh_token as string);
  t.false((await oidc.tokenIntrospection(rp, tokens.refresh_token as string)).active);
  const refresh = await post(
    '/token',
    { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
    w.web,
  );
  t.is(refresh.status, 400);
  t.is(((await refresh.json()) as { error: string }).error, 'invalid_grant');
});

test('a client cannot introspect the tokens of another client', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const response = await post('/token/introspection', { token: tokens.refresh_token as string }, w.service);
  t.false(((await response.json()) as { active: boolean }).active);
});

test("revoking another client's token answers 200, as for garbage, and leaves the token alive (RFC 7009 2.2)", async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  for (const token of [tokens.refresh_token as string, tokens.access_token, 'garbage-that-was-never-issued']) {
    const response = await post('/token/revocation', { token }, w.firstParty);
    t.is(response.status, 200, 'the same answer for a real token of someone else and for garbage');
    t.is(await response.text(), '');
  }
  t.true((await oidc.tokenIntrospection(rp, tokens.refresh_token as string)).active);
  t.true((await oidc.tokenIntrospection(rp, tokens.access_token)).active);
});
