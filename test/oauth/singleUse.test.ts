import test from 'ava';
import * as oidc from 'openid-client';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

const tokenRequest = (client: World['web'], op: World['op'], body: Record<string, string>) =>
  postForm(op.url, '/token', body, client);

const introspect = async (w: World, token: string) => {
  const response = await postForm(w.op.url, '/token/introspection', { token }, w.web);
  return (await response.json()) as { active: boolean };
};

async function freshLogin() {
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  return { rp, signedIn };
}

test('a replayed authorization code fails with invalid_grant and revokes what the first redemption issued', async (t) => {
  const { rp, signedIn } = await freshLogin();
  const tokens = await exchange(rp, signedIn);
  t.true((await introspect(w, tokens.access_token)).active);
  const replay = await tokenRequest(w.web, w.op, {
    grant_type: 'authorization_code',
    code: signedIn.callback.searchParams.get('code') as string,
    redirect_uri: WEB_REDIRECT,
    code_verifier: signedIn.verifier,
  });
  t.is(replay.status, 400);
  t.is(((await replay.json()) as { error: string }).error, 'invalid_grant');
  t.false((await introspect(w, tokens.access_token)).active, 'the access token of the first redemption is revoked');
  t.false((await introspect(w, tokens.refresh_token as string)).active, 'and its refresh token');
});

test('of 16 parallel redemptions of one authorization code exactly one succeeds', async (t) => {
  const { signedIn } = await freshLogin();
  const body = {
    grant_type: 'authorization_code',
    code: signedIn.callback.searchParams.get('code') as string,
    redirect_uri: WEB_REDIRECT,
    code_verifier: signedIn.verifier,
  };
  const responses = await Promise.all(Array.from({ length: 16 }, () => tokenRequest(w.web, w.op, body)));
  const statuses = responses.map((response) => response.status);
  t.is(statuses.filter((status) => status === 200).length, 1, statuses.join(','));
  const errors = await Promise.all(responses.filter((r) => r.status !== 200).map((r) => r.json()));
  t.true(errors.every((e) => (e as { error: string }).error === 'invalid_grant'));
});

test('a refresh token rotates on every use', async (t) => {
  const { rp, signedIn } = await freshLogin();
  const first = await exchange(rp, signedIn);
  const second = await oidc.refreshTokenGrant(rp, first.refresh_token as string);
  t.truthy(second.refresh_token);
  t.not(second.refresh_token, first.refresh_token);
  t.truthy(second.access_token);
  const third = await oidc.refreshTokenGrant(rp, second.refresh_token as string);
  t.not(third.refresh_token, second.refresh_token);
});

test('reusing a rotated refresh token fails with invalid_grant and revokes the whole family', async (t) => {
  const { rp, signedIn } = await freshLogin();
  const first = await exchange(rp, signedIn);
  const second = await oidc.refreshTokenGrant(rp, first.refresh_token as string);
  const reuse = await tokenRequest(w.web, w.op, {
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token as string,
  });
  t.is(reuse.status, 400);
  t.is(((await reuse.json()) as { error: string }).error, 'invalid_grant');
  const heir = await tokenRequest(w.web, w.op, {
    grant_type: 'refresh_token',
    refresh_token: second.refresh_token as string,
  });
  t.is(heir.status, 400, 'the rotated successor dies with its family');
  t.false((await introspect(w, second.access_token)).active);
});

test('of 16 parallel uses of one refresh token exactly one succeeds', async (t) => {
  const { rp, signedIn } = await freshLogin();
  const { refresh_token } = await exchange(rp, signedIn);
  const responses = await Promise.all(
    Array.from({ length: 16 }, () =>
      tokenRequest(w.web, w.op, { grant_type: 'refresh_token', refresh_token: refresh_token as string }),
    ),
  );
  const statuses = responses.map((response) => response.status);
  t.is(statuses.filter((status) => status === 200).length, 1, statuses.join(','));
});
