// The device authorization grant (RFC 8628) through openid-client, on the embedded store and on
// Redis: a TV app (public) and a command line (confidential) start it, a person opens the
// verification URI (with the code filled in, or types it), confirms, signs in and allows; polling
// then gets the tokens, and polling too fast is told to slow down. Wrong codes are throttled per
// address, on an injected clock.
import test, { type ExecutionContext } from 'ava';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { manualClock } from '../helpers/manualClock.js';
import { postForm } from '../helpers/postForm.js';
import { relyingParty } from '../helpers/relyingParty.js';
import { dumpEmbedded, dumpRedis } from '../helpers/storeDump.js';
import { formOn, asPage as page, textOf as text, UserAgent } from '../helpers/UserAgent.js';
import { ADA, world, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

for (const store of STORES) {
  async function setUp(t: ExecutionContext) {
    const clock = manualClock();
    const w = await worldOn(t, store, redis, {}, { clock: clock.now });
    const tv = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Living Room TV', '--public', '--grant', DEVICE_GRANT, '--grant', 'refresh_token'],
    );
    return { w, clock, tv, rp: await relyingParty(w.op.url, tv) };
  }

  /** A person at a browser: opens the verification URI, confirms, signs in, allows. */
  async function approve(origin: string, verificationUri: string) {
    const agent = new UserAgent(origin);
    // verification_uri_complete answers with a page that posts the code on (a script does it).
    const carried = page(await agent.navigate(verificationUri));
    const confirm = page(await agent.submit(carried, '/device'));
    const login = page(await agent.submit(confirm, '/device', { confirm: 'yes' }));
    const consent = page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    return page(await agent.submit(consent, '/confirm'));
  }

  test(`${store}: a TV signs a person in with a code; polling gets the tokens and is slowed when too fast`, async (t) => {
    const { w, clock, tv, rp } = await setUp(t);
    const metadata = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    t.is(metadata.device_authorization_endpoint, `${w.op.url}/device/auth`);
    t.true((metadata.grant_types_supported as string[]).includes(DEVICE_GRANT));

    const started = await oidc.initiateDeviceAuthorization(rp, { scope: 'openid email offline_access' });
    t.regex(started.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    t.is(started.verification_uri, `${w.op.url}/device`);
    const stored = (store === 'redis' ? await dumpRedis(redis().port) : dumpEmbedded(w.op.dataDir)).join('\n');
    t.false(stored.includes(started.device_code), 'the device code is kept hashed');
    t.false(stored.includes(started.user_code.replace('-', '')), 'and so is the user code');

    // Polling before the person is done: pending, and at once again: slow down.
    const poll = () =>
      postForm(w.op.url, '/token', {
        grant_type: DEVICE_GRANT,
        device_code: started.device_code,
        client_id: tv.client_id,
      });
    t.is(((await (await poll()).json()) as { error: string }).error, 'authorization_pending');
    t.is(((await (await poll()).json()) as { error: string }).error, 'slow_down');

    const done = await approve(new URL(w.op.url).origin, started.verification_uri_complete ?? '');
    t.regex(text(done.html), /Device connected Living Room TV is signed in/);
    clock.advance(5_000); // the device waited its interval
    clock.advance(5_000); // the device waited its interval

    const tokens = await oidc.pollDeviceAuthorizationGrant(rp, { ...started, interval: 0.01 });
    t.is(tokens.claims()?.email, ADA.email);
    t.truthy(tokens.refresh_token);
    const again = await poll();
    t.is(((await again.json()) as { error: string }).error, 'invalid_grant', 'a device code works once');
  });

  test(`${store}: typing the code works too; a person who does not confirm leaves the device with access_denied`, async (t) => {
    const { w, rp } = await setUp(t);
    const typed = await oidc.initiateDeviceAuthorization(rp, { scope: 'openid' });
    const agent = new UserAgent(new URL(w.op.url).origin);
    const form = page(await agent.navigate(typed.verification_uri));
    t.regex(text(form.html), /Connect a device Enter the code/);
    const confirm = page(await agent.submit(form, '/device', { user_code: typed.user_code.toLowerCase() }));
    t.regex(text(confirm.html), new RegExp(`Connect Living Room TV\\? .*${typed.user_code}`));
    const { hidden, action } = formOn(confirm.html, '/device');
    const body = new URLSearchParams({ xsrf: hidden.xsrf ?? '', user_code: hidden.user_code ?? '', abort: 'yes' });
    const denied = page(await agent.navigate(new URL(action, confirm.url).href, { method: 'POST', body }));
    t.regex(text(denied.html), /The device was not connected/);
    const refused = await t.throwsAsync(oidc.pollDeviceAuthorizationGrant(rp, { ...typed, interval: 0.01 }));
    t.is((refused as oidc.ResponseBodyError).error, 'access_denied');
  });

  test(`${store}: wrong codes lock the address; the lock passes with time`, async (t) => {
    const { w, clock, rp } = await setUp(t);
    const started = await oidc.initiateDeviceAuthorization(rp, { scope: 'openid' });
    const agent = new UserAgent(new URL(w.op.url).origin);
    let form = page(await agent.navigate(started.verification_uri));
    for (let guess = 0; guess < w.op.config.throttle.failureLimit; guess += 1) {
      form = page(await agent.submit(form, '/device', { user_code: `BCDF-GHJ${'KLMN'[guess % 4]}` }));
      t.regex(text(form.html), /That code is not right/);
    }
    const locked = page(await agent.submit(form, '/device', { user_code: started.user_code }));
    t.is(locked.status, 429, 'even the right code waits');
    t.truthy(locked.headers.get('retry-after'));
    t.regex(text(locked.html), /Too many attempts/);

    clock.advance(16 * 60_000);
    const fresh = page(await agent.navigate(started.verification_uri));
    const confirm = page(await agent.submit(fresh, '/device', { user_code: started.user_code }));
    t.regex(text(confirm.html), /Connect Living Room TV\?/);
  });
}

test('a confidential command line client may use the device grant with its secret', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const cli = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Deploy CLI', '--grant', DEVICE_GRANT, '--scope', 'openid email'],
  );
  t.truthy(cli.client_secret);
  const rp = await relyingParty(w.op.url, cli);
  const started = await oidc.initiateDeviceAuthorization(rp, { scope: 'openid email' });
  const agent = new UserAgent(new URL(w.op.url).origin);
  const form = page(await agent.navigate(started.verification_uri));
  const confirm = page(await agent.submit(form, '/device', { user_code: started.user_code }));
  const login = page(await agent.submit(confirm, '/device', { confirm: 'yes' }));
  const consent = page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
  page(await agent.submit(consent, '/confirm'));
  const tokens = await oidc.pollDeviceAuthorizationGrant(rp, { ...started, interval: 0.01 });
  t.is(tokens.claims()?.email, ADA.email);
});
