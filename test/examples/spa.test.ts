// examples/spa in Chromium against a live Ostiary and the notes API: the SPA signs in with PKCE
// (oidc-client-ts), calls the API, and once its two-second access token has expired sees the 401,
// refreshes once with its rotating refresh token and retries successfully. It signs out at
// Ostiary, after which its last refresh token is refused (invalid_grant).
import test from 'ava';
import { startNotesApi } from '../../examples/api/express.js';
import { startSpa } from '../../examples/spa/server.js';
import { allowIfAsked, logIn } from '../browser/signInSteps.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { chromiumForFile } from '../helpers/browser.js';
import { freePort } from '../helpers/freePort.js';
import { postForm } from '../helpers/postForm.js';
import { ADA, world } from '../helpers/world.js';

const openTab = chromiumForFile(test);
const NOTES = 'https://notes.example.com';

test('the SPA signs in, refreshes once on a 401 and retries, and its refresh token dies with logout', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  // Tokens for the notes API live two seconds: the test waits one out instead of moving a clock
  // (the API checks expiry against its own).
  await admin(w.op.store, 'resource', 'add', '--id', NOTES, '--scope', 'read write', '--ttl', '2s');
  const [apiPort, spaPort] = [await freePort(), await freePort()];
  const spaOrigin = `http://127.0.0.1:${spaPort}`;
  const spa = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Notes SPA', '--public', '--redirect-uri', `${spaOrigin}/`],
    ...['--post-logout-redirect-uri', `${spaOrigin}/`, '--cors-origin', spaOrigin, '--resource', NOTES],
    ...['--scope', 'openid profile offline_access read'],
  );
  const api = await startNotesApi(
    { issuer: w.op.url, audience: NOTES, corsOrigins: [spaOrigin], clockToleranceSeconds: 0 },
    apiPort,
  );
  t.teardown(() => api.close());
  const server = await startSpa(
    { issuer: w.op.url, clientId: spa.client_id, apiUrl: `http://127.0.0.1:${apiPort}/notes`, resource: NOTES },
    spaPort,
  );
  t.teardown(() => server.close());

  const { page, errors } = await openTab(t);
  await page.goto(spaOrigin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await logIn(page);
  await allowIfAsked(page, w.op.url);
  await page.locator('#name').getByText(ADA.name).waitFor();

  await page.getByRole('button', { name: 'Call the API' }).click();
  await page.locator('#api-status').getByText('200').waitFor();
  t.is(await page.locator('#refreshes').textContent(), '0');

  // Wait out the access token, then call again: 401, one refresh, a successful retry.
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: 'Call the API' }).click();
  await page.locator('#refreshes').getByText('1').waitFor();
  t.is(await page.locator('#api-status').textContent(), '200');

  // What oidc-client-ts keeps in sessionStorage (the user, its tokens).
  const stored = JSON.parse(
    await page.evaluate(
      "sessionStorage.getItem(Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:')) ?? '') ?? '{}'",
    ),
  ) as { refresh_token?: string };
  t.truthy(stored.refresh_token);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click(); // Ostiary asks first
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  t.is(new URL(page.url()).origin, spaOrigin);

  const refreshed = await postForm(w.op.url, '/token', {
    grant_type: 'refresh_token',
    refresh_token: stored.refresh_token as string,
    client_id: spa.client_id,
  });
  t.is(refreshed.status, 400);
  t.is(((await refreshed.json()) as { error: string }).error, 'invalid_grant');
  // The 401 the API answered before the refresh is the only error a page saw.
  t.true(
    errors().every((error) => /401/.test(error)),
    errors().join('\n'),
  );
});
