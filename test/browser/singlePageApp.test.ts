// A public single-page app on another origin, in Chromium: everything it does with the provider
// after the redirect (discovery, code exchange, refresh) is a cross-origin fetch, so it works only
// as far as CORS lets it, and CORS is granted per client to the origins it registered.
import test from 'ava';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { chromiumForFile } from '../helpers/browser.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { startSpaServer } from '../helpers/spaServer.js';
import { ADA, SPA_ORIGIN, type World, world } from '../helpers/world.js';
import { answerConsent, logIn } from './signInSteps.js';

const openTab = chromiumForFile(test);
let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

test('a single-page app signs in, exchanges the code and rotates its refresh token from the browser with CORS', async (t) => {
  const spa = await startSpaServer();
  t.teardown(() => spa.stop());
  const client = await admin<RegisteredClient>(
    w.op.store,
    'client',
    'add',
    '--name',
    'Browser SPA',
    '--public',
    '--redirect-uri',
    spa.redirectUri,
    '--cors-origin',
    spa.origin,
  );
  spa.configure({ issuer: w.op.url, clientId: client.client_id });
  t.not(spa.origin, new URL(w.op.url).origin);

  const tab = await openTab(t);
  const { page } = tab;
  await page.goto(spa.origin);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await logIn(page);
  await answerConsent(page, 'Allow');

  const result = page.locator('#result[data-state]');
  await result.waitFor();
  const { tokens, refreshed, idToken, error } = JSON.parse((await result.textContent()) ?? '{}');
  t.is(error, undefined);
  t.truthy(tokens.access_token);
  t.truthy(tokens.id_token);
  t.truthy(tokens.refresh_token);
  t.is(idToken.aud, client.client_id);
  t.is(idToken.email, ADA.email);
  t.truthy(refreshed.access_token);
  t.truthy(refreshed.refresh_token);
  t.not(refreshed.refresh_token, tokens.refresh_token, 'a public client’s refresh token rotates on use');
  t.deepEqual(tab.errors(), []);
});

test("a page from an unregistered origin cannot read the token endpoint's answer, and spends nothing", async (t) => {
  // A refresh token of the SPA registered for https://spa.example.com, obtained over HTTP...
  const rp = await relyingParty(w.op.url, w.spa);
  const { refresh_token } = await exchange(rp, await signIn(rp, { redirectUri: `${SPA_ORIGIN}/callback` }));
  // ...used by a page on an origin that no client registered.
  const elsewhere = await startSpaServer();
  t.teardown(() => elsewhere.stop());
  const tab = await openTab(t);
  const { page } = tab;
  await page.goto(`${elsewhere.origin}/blank`);

  const outcome = await page.evaluate(
    async ({ tokenEndpoint, clientId, refreshToken }) => {
      try {
        const response = await fetch(tokenEndpoint, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
        });
        return `read ${response.status}`;
      } catch (error) {
        return String(error);
      }
    },
    { tokenEndpoint: `${w.op.url}/token`, clientId: w.spa.client_id, refreshToken: refresh_token as string },
  );
  t.is(outcome, 'TypeError: Failed to fetch');
  t.true(
    tab.errors().some((text) => text.includes("blocked by CORS policy: No 'Access-Control-Allow-Origin' header")),
    tab.errors().join('\n'),
  );

  // The refused request did not rotate (and so spend) the refresh token: the SPA can still use it.
  const refreshed = await fetch(`${w.op.url}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refresh_token as string,
      client_id: w.spa.client_id,
    }),
  });
  t.is(refreshed.status, 200);
  await refreshed.body?.cancel();
});
