// The account page in Chromium: a person takes access back from an app (its refresh token then
// gets invalid_grant), signs their other browsers out, and changes their password (other sessions'
// prompt=none then gets login_required) while staying signed in here.
import test from 'ava';
import { refreshTokenGrant } from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumForFile, stubOrigin } from '../helpers/browser.js';
import { relyingParty } from '../helpers/relyingParty.js';
import { ADA, type World, world } from '../helpers/world.js';
import { signInAndAllow } from './signInSteps.js';
import { atWebCallback, WEB_ORIGIN, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);
const NEW_PASSWORD = 'an entirely different passphrase';

/** Signs in to the web app in this tab and returns its tokens. */
async function signInToWebApp(w: World, page: Page, context: BrowserContext) {
  await stubOrigin(context, WEB_ORIGIN);
  const request = await webAppRequest(w, 'openid email offline_access');
  await signInAndAllow(page, request.url);
  await page.waitForURL(atWebCallback);
  return request.redeem(page.url());
}

/**
 * Where an authorization request with prompt=none sends this browser (with its cookies): the
 * error in the redirect to the client, or null when it is still signed in.
 */
async function silentSignIn(w: World, context: BrowserContext): Promise<string | null> {
  const url = new URL((await webAppRequest(w)).url);
  url.searchParams.set('prompt', 'none');
  const response = await context.request.get(url.href, { maxRedirects: 0 });
  const location = new URL(response.headers().location ?? '', url);
  if (!atWebCallback(location)) throw new Error(`prompt=none did not go back to the client: ${location.href}`);
  return location.searchParams.get('error');
}

test('removing an app’s access on the account page revokes its refresh token', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const tab = await openTab(t);
  const tokens = await signInToWebApp(w, tab.page, tab.context);

  await tab.page.goto(`${w.op.url}/account`);
  t.is(await tab.page.getByRole('heading', { level: 1 }).textContent(), 'Your account');
  await tab.page.getByRole('button', { name: 'Remove access for Web <App>' }).click();
  await tab.page.getByRole('status').waitFor();
  t.regex((await tab.page.getByRole('status').textContent()) ?? '', /no longer has access/);
  t.is(await tab.page.getByRole('button', { name: /Remove access/ }).count(), 0);

  const rp = await relyingParty(w.op.url, w.web);
  const refused = await refreshTokenGrant(rp, tokens.refresh_token ?? '').catch((error: { error?: string }) => error);
  t.is((refused as { error?: string }).error, 'invalid_grant');
  t.deepEqual(tab.cspViolations(), []);
  t.deepEqual(tab.errors(), []);
});

test('signing out the other browsers, then changing the password, ends the other sessions but not this one', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const here = await openTab(t);
  const there = await openTab(t);
  await signInToWebApp(w, here.page, here.context);
  await signInToWebApp(w, there.page, there.context);

  await here.page.goto(`${w.op.url}/account`);
  const sessions = here.page.locator('section[aria-labelledby="sessions-title"] li');
  t.is(await sessions.count(), 2);
  t.regex(
    (await sessions.nth(1).textContent()) ?? '',
    /^Chrome on Linux, signed in .*, last seen /,
    'which browser, and when',
  );
  await here.page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await here.page.getByRole('status').waitFor();
  t.is(await sessions.count(), 1);
  t.is(await silentSignIn(w, there.context), 'login_required', 'the other browser is signed out');

  await signInToWebApp(w, there.page, there.context); // signed in there again
  await here.page.getByLabel('Current password').fill(ADA.password);
  await here.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await here.page.getByLabel('The new password again').fill(NEW_PASSWORD);
  await here.page.getByRole('button', { name: 'Change the password' }).click();
  await here.page.getByRole('status').waitFor();
  t.regex((await here.page.getByRole('status').textContent()) ?? '', /Your password is changed/);
  t.is(await silentSignIn(w, there.context), 'login_required', 'the password change signed the other browser out');
  // This browser is still signed in: only the app, whose grant went, must be allowed again.
  t.is(await silentSignIn(w, here.context), 'consent_required');
  await here.page.reload();
  t.is(await here.page.getByRole('heading', { level: 1 }).textContent(), 'Your account');
  t.deepEqual(here.cspViolations(), []);
});
