// examples/web-app in Chromium against a live Ostiary and the notes API: a person signs in, the
// page shows the API's answer, a moved clock makes the app refresh its access token before it
// expires, signing out ends the session at Ostiary too, and an operator's `user revoke` ends the
// app's session through back-channel logout.
import test, { type ExecutionContext } from 'ava';
import { startNotesApi } from '../../examples/api/express.js';
import { startWebApp } from '../../examples/web-app/server.js';
import { allowIfAsked, logIn } from '../browser/signInSteps.js';
import { admin, adminAudit, adminWith, type RegisteredClient } from '../helpers/admin.js';
import { chromiumForFile } from '../helpers/browser.js';
import { freePort } from '../helpers/freePort.js';
import { manualClock } from '../helpers/manualClock.js';
import { ADA, world } from '../helpers/world.js';

const openTab = chromiumForFile(test);
const NOTES = 'https://notes.example.com';

async function setUp(t: ExecutionContext) {
  const w = await world();
  t.teardown(() => w.op.stop());
  await admin(w.op.store, 'resource', 'add', '--id', NOTES, '--scope', 'read write');
  const [apiPort, appPort] = [await freePort(), await freePort()];
  const api = await startNotesApi({ issuer: w.op.url, audience: NOTES }, apiPort);
  t.teardown(() => api.close());
  const base = `http://127.0.0.1:${appPort}`;
  const client = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Notes Web', '--redirect-uri', `${base}/callback`],
    ...['--post-logout-redirect-uri', `${base}/signed-out`, '--resource', NOTES],
    ...['--scope', 'openid profile offline_access read'],
    ...['--backchannel-logout-uri', `${base}/backchannel-logout`, '--backchannel-logout-session-required'],
  );
  const clock = manualClock();
  const app = await startWebApp(
    {
      issuer: w.op.url,
      clientId: client.client_id,
      clientSecret: client.client_secret as string,
      baseUrl: base,
      apiUrl: `http://127.0.0.1:${apiPort}/notes`,
      resource: NOTES,
      now: clock.now,
    },
    appPort,
  );
  t.teardown(() => app.close());
  return { w, client, clock, base };
}

test('the web app signs in, calls the API, refreshes before expiry and signs out at Ostiary too', async (t) => {
  const { w, clock, base } = await setUp(t);
  const { page, errors } = await openTab(t);
  await page.goto(base);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await logIn(page);
  await allowIfAsked(page, w.op.url);
  await page.waitForURL(`${base}/`);
  t.is(await page.locator('#name').textContent(), ADA.name);
  t.is(await page.locator('#api-status').textContent(), '200');
  t.is(await page.locator('#refreshes').textContent(), '0');

  clock.advance(w.op.config.ttl.accessToken * 1000); // the access token is (about to be) expired
  await page.reload();
  t.is(await page.locator('#refreshes').textContent(), '1');
  t.is(await page.locator('#api-status').textContent(), '200', 'with the new access token');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click(); // Ostiary asks first
  await page.waitForURL(`${base}/signed-out`);
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Signed out');
  // The session at Ostiary is gone too: signing in asks for the password again.
  await page.goto(base);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Password').waitFor();
  t.deepEqual(errors(), []);
});

test("an operator's user revoke ends the app's session through back-channel logout", async (t) => {
  const { w, base } = await setUp(t);
  const { page } = await openTab(t);
  await page.goto(`${base}/login`);
  await logIn(page);
  await allowIfAsked(page, w.op.url);
  await page.waitForURL(`${base}/`);
  t.is(await page.locator('#name').textContent(), ADA.name);

  await adminWith(w.op.store, w.op.config, 'user', 'revoke', ADA.email); // returns once the apps were told
  t.true(adminAudit.some((line) => line.event === 'logout.backchannel' && line.outcome === 'success'));
  await page.reload();
  t.is(await page.getByRole('link', { name: 'Sign in' }).count(), 1, 'the session ended');
});
