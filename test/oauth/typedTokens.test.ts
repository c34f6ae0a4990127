import test from 'ava';
import * as oidc from 'openid-client';
import type { Store } from '../../src/store/Store.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

/** Counts the store's artifact look-ups by model while `counting`. */
function countingFinds(store: Store) {
  const finds = new Map<string, number>();
  const wrapped: Store = {
    ...store,
    artifacts: {
      ...store.artifacts,
      find(model, id) {
        finds.set(model, (finds.get(model) ?? 0) + 1);
        return store.artifacts.find(model, id);
      },
    },
  };
  return { wrapped, finds };
}

// The look-ups are counted on one store: one test at a time.
let w: World;
let finds: Map<string, number>;
test.before(async () => {
  w = await world(
    {},
    {
      wrapStore: (store) => {
        const counting = countingFinds(store);
        finds = counting.finds;
        return counting.wrapped;
      },
    },
  );
});
test.after.always(() => w?.op.stop());

/** The look-ups `action` made, by model. */
async function lookUps(action: () => Promise<unknown>): Promise<Record<string, number>> {
  finds.clear();
  await action();
  return Object.fromEntries([...finds].sort(([a], [b]) => a.localeCompare(b)));
}

const signedIn = async () => {
  const rp = await relyingParty(w.op.url, w.web);
  return { rp, tokens: await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT })) };
};

test.serial(
  'opaque access and refresh tokens say their kind, for secret scanners and for one look-up each',
  async (t) => {
    const { tokens } = await signedIn();
    t.regex(tokens.access_token, /^ost_at_[A-Za-z0-9_-]{43}$/);
    t.regex(tokens.refresh_token as string, /^ost_rt_[A-Za-z0-9_-]{43}$/);
  },
);

test.serial('introspection reads a token once, as the kind it says it is, then its grant', async (t) => {
  const { rp, tokens } = await signedIn();
  let active: boolean | undefined;
  t.deepEqual(
    await lookUps(async () => {
      active = (await oidc.tokenIntrospection(rp, tokens.access_token)).active;
    }),
    { AccessToken: 1, Grant: 1 },
  );
  t.true(active);
  t.deepEqual(
    await lookUps(async () => {
      active = (await oidc.tokenIntrospection(rp, tokens.refresh_token as string)).active;
    }),
    { Grant: 1, RefreshToken: 1 },
  );
  t.true(active);
});

test.serial('a wrong token_type_hint costs no extra look-up and still finds the token', async (t) => {
  const { tokens } = await signedIn();
  let body: { active?: boolean } = {};
  const reads = await lookUps(async () => {
    const response = await postForm(
      w.op.url,
      '/token/introspection',
      { token: tokens.refresh_token as string, token_type_hint: 'access_token' },
      w.web,
    );
    body = (await response.json()) as { active?: boolean };
  });
  t.true(body.active);
  t.deepEqual(reads, { Grant: 1, RefreshToken: 1 });
});

test.serial('revocation reads the token once too, and the token is revoked', async (t) => {
  const { rp, tokens } = await signedIn();
  const reads = await lookUps(() => oidc.tokenRevocation(rp, tokens.access_token));
  t.is(reads.AccessToken, 1);
  t.false('RefreshToken' in reads);
  t.false('ClientCredentials' in reads);
  t.false((await oidc.tokenIntrospection(rp, tokens.access_token)).active);
});

test.serial('a token issued before the prefixes (no prefix) is still looked up as every kind and found', async (t) => {
  const { rp, tokens } = await signedIn();
  const payload = await w.op.store.artifacts.find('AccessToken', tokens.access_token);
  if (!payload) return t.fail('the access token is not in the store');
  const legacy = 'L'.repeat(43); // what oidc-provider's own ids look like: 43 characters, no prefix
  await w.op.store.artifacts.upsert('AccessToken', legacy, { ...payload, jti: legacy }, 600);
  let active: boolean | undefined;
  const reads = await lookUps(async () => {
    active = (await oidc.tokenIntrospection(rp, legacy)).active;
  });
  t.true(active);
  t.deepEqual(reads, { AccessToken: 1, ClientCredentials: 1, Grant: 1, RefreshToken: 1 });
});

test.serial('a prefix moved onto another kind finds nothing', async (t) => {
  const { rp, tokens } = await signedIn();
  const disguised = tokens.refresh_token?.replace(/^ost_rt_/, 'ost_at_') as string;
  t.false((await oidc.tokenIntrospection(rp, disguised)).active);
  const refresh = await postForm(w.op.url, '/token', { grant_type: 'refresh_token', refresh_token: disguised }, w.web);
  t.is(((await refresh.json()) as { error?: string }).error, 'invalid_grant');
});
