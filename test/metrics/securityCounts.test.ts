// The security series after known traffic through a real server: sign-ins by outcome, refresh
// token reuse, revocations by reason, store errors by backend and operation, and key timings.
// Labels stay bounded: no email, address or token appears in the metrics text.
import test from 'ava';
import * as oidc from 'openid-client';
import { postForm } from '../helpers/postForm.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, type Page } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
let skew = 0;
let failReads = false;
test.before(async () => {
  w = await world(
    { LOGIN_FAILURE_LIMIT: '2', KEY_ROTATION_INTERVAL: '30d' },
    {
      metrics: true,
      clock: () => Date.now() + skew,
      wrapStore: (store) => ({
        ...store,
        accounts: {
          ...store.accounts,
          findById: (id) => (failReads ? Promise.reject(new Error('injected')) : store.accounts.findById(id)),
        },
      }),
    },
  );
});
test.after.always(() => w?.op.stop());

const count = async (series: string) => {
  const line = (await w.op.metricsText()).split('\n').find((each) => each.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
};

test.serial('sign-ins are counted by outcome: success, failure and throttled', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const before = {
    success: await count('ostiary_logins_total{outcome="success"}'),
    failure: await count('ostiary_logins_total{outcome="failure"}'),
    throttled: await count('ostiary_logins_total{outcome="throttled"}'),
  };
  const opened = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  let page: Page = opened.page;
  for (let i = 0; i < 3; i += 1) {
    const next = await opened.agent.submit(page, '/login', { email: 'eve@example.com', password: 'a wrong password' });
    if (!isPage(next)) return t.fail('expected the login page');
    page = next;
  }
  await signIn(rp, { redirectUri: WEB_REDIRECT });
  t.is(await count('ostiary_logins_total{outcome="failure"}'), before.failure + 2);
  t.is(await count('ostiary_logins_total{outcome="throttled"}'), before.throttled + 1);
  t.is(await count('ostiary_logins_total{outcome="success"}'), before.success + 1);
});

test.serial("a reused refresh token and a revocation are counted, with the refusal's error code", async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
  skew = 5_000;
  const reused = await postForm(
    w.op.url,
    '/token',
    { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
    w.web,
  );
  skew = 0;
  t.is(reused.status, 400);
  t.is(await count('ostiary_refresh_token_reuse_total'), 1);
  t.is(await count('ostiary_revocations_total{reason="refresh_token_reuse"}'), 1);
  t.is(await count('ostiary_token_errors_total{error="invalid_grant"}'), 1);

  const more = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const revoked = await postForm(w.op.url, '/token/revocation', { token: more.refresh_token as string }, w.web);
  t.is(revoked.status, 200);
  t.is(await count('ostiary_revocations_total{reason="revocation_endpoint"}'), 1);
});

test.serial('a failing store call is counted by backend and operation', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  failReads = true;
  const me = await fetch(`${w.op.url}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  failReads = false;
  await me.body?.cancel();
  t.true(me.status >= 500);
  t.true(
    (await count('ostiary_store_errors_total{backend="embedded",operation="accounts.findById"}')) >= 1,
    'the failure is counted where it happened',
  );
});

test.serial('key timings are exported, and no email, address or token is a label', async (t) => {
  const text = await w.op.metricsText();
  const next = await count('ostiary_signing_key_next_transition_seconds');
  t.true(next > 29 * 86_400 && next <= 30 * 86_400, `the rotation is due in about 30 days (${next} s)`);
  t.regex(text, /ostiary_signing_key_age_seconds\{kid="[^"]+",state="current"\}/);
  for (const forbidden of [ADA.email, 'eve@example.com', '127.0.0.1', 'Bearer']) {
    t.false(text.includes(forbidden), forbidden);
  }
});
