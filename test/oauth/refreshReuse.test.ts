// REFRESH_TOKEN_REUSE_INTERVAL: a just-rotated refresh token presented again by its client within
// the interval gets a fresh token pair of the same grant (a client that lost a response, or tabs
// racing), and past the interval a reuse revokes the family as in strict mode.
import test from 'ava';
import * as oidc from 'openid-client';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
let skew = 0; // the provider's clock runs ahead of the wall clock by this much
test.before(async () => {
  w = await world({ REFRESH_TOKEN_REUSE_INTERVAL: '10s' }, { clock: () => Date.now() + skew });
});
test.after.always(() => w?.op.stop());

const refresh = (token: string) =>
  postForm(w.op.url, '/token', { grant_type: 'refresh_token', refresh_token: token }, w.web);

async function freshTokens() {
  const rp = await relyingParty(w.op.url, w.web);
  return { rp, tokens: await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT })) };
}

test.serial(
  'within the interval, 16 parallel uses of one refresh token each get a working pair of the same grant',
  async (t) => {
    const { rp, tokens } = await freshTokens();
    const responses = await Promise.all(Array.from({ length: 16 }, () => refresh(tokens.refresh_token as string)));
    t.deepEqual(
      responses.map((response) => response.status),
      Array(16).fill(200),
    );
    const pairs = (await Promise.all(responses.map((response) => response.json()))) as { refresh_token: string }[];
    t.is(new Set(pairs.map((pair) => pair.refresh_token)).size, 16, 'a fresh pair each');
    for (const pair of pairs) t.truthy((await oidc.refreshTokenGrant(rp, pair.refresh_token)).refresh_token);
  },
);

test.serial(
  'within the interval a second use gets a fresh pair; past it, reuse revokes the whole family',
  async (t) => {
    const { rp, tokens } = await freshTokens();
    const first = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
    skew = 9_000;
    const again = await refresh(tokens.refresh_token as string);
    t.is(again.status, 200, 'a lost response: the client asks again with the token it had');
    const second = (await again.json()) as { refresh_token: string };
    t.not(second.refresh_token, first.refresh_token);

    skew = 11_000;
    const reused = await refresh(tokens.refresh_token as string);
    t.is(reused.status, 400);
    t.like(await reused.json(), { error: 'invalid_grant' });
    for (const heir of [first.refresh_token as string, second.refresh_token]) {
      t.is((await refresh(heir)).status, 400, 'the family is revoked');
    }
    skew = 0;
  },
);
