import test from 'ava';
import * as oidc from 'openid-client';
import { RACE_WINDOW_SECONDS } from '../../src/provider/deferredRotation.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
let skew = 0; // the provider's clock runs ahead of the wall clock by this much
test.before(async () => {
  w = await world({}, { clock: () => Date.now() + skew });
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

test.serial('reusing a rotated refresh token fails with invalid_grant and revokes the whole family', async (t) => {
  const { rp, signedIn } = await freshLogin();
  const first = await exchange(rp, signedIn);
  const second = await oidc.refreshTokenGrant(rp, first.refresh_token as string);
  skew = (RACE_WINDOW_SECONDS + 1) * 1000; // later than two requests sent together could be
  t.teardown(() => {
    skew = 0;
  });
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

test('of 16 parallel uses of one refresh token exactly one succeeds, and its new refresh token works', async (t) => {
  const { rp, signedIn } = await freshLogin();
  const { refresh_token } = await exchange(rp, signedIn);
  const responses = await Promise.all(
    Array.from({ length: 16 }, () =>
      tokenRequest(w.web, w.op, { grant_type: 'refresh_token', refresh_token: refresh_token as string }),
    ),
  );
  const statuses = responses.map((response) => response.status);
  t.is(statuses.filter((status) => status === 200).length, 1, statuses.join(','));
  const bodies = (await Promise.all(responses.map((response) => response.json()))) as Record<string, string>[];
  t.true(bodies.every((body, i) => statuses[i] === 200 || body.error === 'invalid_grant'));
  // Two tabs refreshing together is not theft: the family lives on with the winner's token.
  const winner = bodies[statuses.indexOf(200)] as { refresh_token: string; access_token: string };
  const next = await oidc.refreshTokenGrant(rp, winner.refresh_token);
  t.truthy(next.refresh_token);
  t.true((await introspect(w, winner.access_token)).active);
});
