// RP-initiated logout in Chromium: the provider asks before ending the session, then sends the
// browser back to the client's registered post-logout URI, and the next sign-in starts over.
import test from 'ava';
import { chromiumForFile, stubOrigin } from '../helpers/browser.js';
import { WEB_LOGOUT, type World, world } from '../helpers/world.js';
import { signInAndAllow } from './signInSteps.js';
import { atWebCallback, WEB_ORIGIN, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);
let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

test('logout in the browser asks for confirmation and returns to the post-logout URI', async (t) => {
  const tab = await openTab(t);
  const { page, context } = tab;
  await stubOrigin(context, WEB_ORIGIN);
  await signInAndAllow(page, (await webAppRequest(w)).url);
  await page.waitForURL(atWebCallback);

  const logout = new URL('/session/end', w.op.url);
  logout.search = new URLSearchParams({
    client_id: w.web.client_id,
    post_logout_redirect_uri: WEB_LOGOUT,
    state: 'bye',
  }).toString();
  await page.goto(logout.href);
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign out?');
  t.regex((await page.locator('.lead').textContent()) ?? '', /^Web <App> asked to sign you out\./);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  await page.waitForURL(`${WEB_LOGOUT}?state=bye`);
  t.is(page.url(), `${WEB_LOGOUT}?state=bye`);
  t.deepEqual(tab.cspViolations(), [], 'form-action lets the confirmation form redirect to the client');

  // The session is over: the next authorization request shows the login page again.
  await page.goto((await webAppRequest(w)).url);
  await page.getByLabel('Email').waitFor();
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in');
});
