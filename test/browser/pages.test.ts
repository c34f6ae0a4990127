// The login, consent and logout pages in a real browser: what a person sees and presses, what
// the client gets back, and that the pages' own security headers (CSP, frame-ancestors) neither
// break them nor let another site frame them.
import test from 'ava';
import { chromiumForFile, stubOrigin } from '../helpers/browser.js';
import { startSpaServer } from '../helpers/spaServer.js';
import { ADA, newWebApp, type World, world } from '../helpers/world.js';
import { answerConsent, logIn, signInAndAllow } from './signInSteps.js';
import { atWebCallback, WEB_ORIGIN, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);
let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

test('a person signs in through the login and consent pages in Chromium and the web app receives a code', async (t) => {
  const { page, context } = await openTab(t);
  await stubOrigin(context, WEB_ORIGIN);
  const request = await webAppRequest(w, undefined, await newWebApp(w, 'Web <App>'));

  await page.goto(request.url);
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in');
  t.is(await page.locator('.lead').textContent(), 'to continue to Web <App>', 'the client name, as text');
  await logIn(page);

  await page.getByRole('button', { name: 'Allow' }).waitFor();
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Allow Web <App> to access your account?');
  t.regex((await page.locator('.lead').textContent()) ?? '', new RegExp(`Signed in as ${ADA.email}`));
  t.deepEqual(await page.getByRole('listitem').allTextContents(), [
    'Know who you are',
    'See your email address',
    'See your name',
  ]);
  await answerConsent(page, 'Allow');

  await page.waitForURL(atWebCallback);
  const callback = new URL(page.url());
  t.truthy(callback.searchParams.get('code'));
  t.is(callback.searchParams.get('iss'), w.op.url);
  t.is(callback.searchParams.get('state'), request.state);
  const tokens = await request.redeem(page.url());
  t.is(tokens.claims()?.email, ADA.email, 'the code is real: it redeems for an ID token about Ada');
});

test('a wrong password shows "Invalid email or password" as an alert and keeps the email', async (t) => {
  const { page } = await openTab(t);
  await page.goto((await webAppRequest(w)).url);
  await logIn(page, ADA.email, 'wrong horse battery');

  const alert = page.getByRole('alert');
  t.is(await alert.textContent(), 'Invalid email or password');
  t.is(await page.getByLabel('Email').inputValue(), ADA.email);
  t.is(await page.getByLabel('Password').inputValue(), '', 'the password is never sent back');
  t.is(
    await page.getByLabel('Email').getAttribute('aria-describedby'),
    await alert.getAttribute('id'),
    'a screen reader reads the error with the field',
  );

  await page.getByLabel('Password').fill(ADA.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Allow' }).waitFor();
  t.pass('the same page then accepts the right password');
});

test('deny on the consent page sends access_denied to the client', async (t) => {
  const { page, context } = await openTab(t);
  await stubOrigin(context, WEB_ORIGIN);
  const request = await webAppRequest(w, undefined, await newWebApp(w, 'Denied App'));
  await page.goto(request.url);
  await logIn(page);
  await answerConsent(page, 'Deny');

  await page.waitForURL(atWebCallback);
  const callback = new URL(page.url());
  t.is(callback.searchParams.get('error'), 'access_denied');
  t.is(callback.searchParams.get('state'), request.state);
  t.is(callback.searchParams.get('iss'), w.op.url);
  t.is(callback.searchParams.get('code'), null);
});

test('the login page cannot be framed, even by a same-site origin whose frame would carry the cookies', async (t) => {
  // A sibling origin on localhost is same-site with the provider, so its frame gets the
  // interaction cookie and the server answers with the real form: only the page's framing
  // protection (frame-ancestors 'none', X-Frame-Options DENY) stands between it and a clickjacker.
  const framer = await startSpaServer({ hostname: 'localhost' });
  t.teardown(() => framer.stop());
  const tab = await openTab(t);
  const { page } = tab;
  await page.goto((await webAppRequest(w)).url);
  await page.getByLabel('Email').waitFor();
  const loginUrl = page.url();

  const framedResponse = page.waitForResponse(loginUrl);
  await page.goto(`${framer.origin}/frame?src=${encodeURIComponent(loginUrl)}`);
  t.is((await framedResponse).status(), 200, 'the server did send the login page');
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  if (!frame) return t.fail('no frame on the framing page');
  t.is(await frame.locator('#email').count(), 0, 'but the browser shows nothing of it');
  t.not(new URL(frame.url()).origin, new URL(w.op.url).origin);
  t.true(
    tab.cspViolations().some((text) => text.includes("frame-ancestors 'none'")),
    tab.console.map(({ text }) => text).join('\n'),
  );
});

test('no page of the login, consent and logout flows violates its own Content-Security-Policy', async (t) => {
  const tab = await openTab(t);
  const { page, context } = tab;
  await stubOrigin(context, WEB_ORIGIN);
  const stylesheets: number[] = [];
  context.on('response', (response) => {
    if (response.url() === `${w.op.url}/assets/ostiary.css`) stylesheets.push(response.status());
  });
  // After the page's load event, so its stylesheet has been applied (a busy machine is slow to).
  const styled = async () => {
    await page.waitForLoadState('load');
    return page.evaluate<string>("getComputedStyle(document.querySelector('main')).borderRadius");
  };

  await page.goto((await webAppRequest(w, 'openid', await newWebApp(w, 'Styled App'))).url);
  t.is(await styled(), '12px', 'login page styled');
  await logIn(page, ADA.email, 'not it');
  await page.getByRole('alert').waitFor();
  t.is(await styled(), '12px', 'login page with an error styled');
  await logIn(page);
  await page.getByRole('button', { name: 'Allow' }).waitFor();
  t.is(await styled(), '12px', 'consent page styled');
  await answerConsent(page, 'Allow');
  await page.waitForURL(atWebCallback);

  await page.goto(`${w.op.url}/session/end?client_id=${w.web.client_id}`);
  t.is(await styled(), '12px', 'logout confirmation styled');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
  t.is(await styled(), '12px', 'signed-out page styled');

  t.true(stylesheets.length > 0 && stylesheets.every((status) => status === 200 || status === 304));
  t.deepEqual(tab.cspViolations(), []);
  t.deepEqual(
    tab.errors(),
    ['Failed to load resource: the server responded with a status of 401 (Unauthorized)'],
    'the only console error is Chromium noting the wrong password page was a 401',
  );
});

test('a signed-in person is asked only for consent the next time a client needs more', async (t) => {
  const { page, context } = await openTab(t);
  await stubOrigin(context, WEB_ORIGIN);
  const app = await newWebApp(w, 'Growing App');
  await signInAndAllow(page, (await webAppRequest(w, 'openid', app)).url);
  await page.waitForURL(atWebCallback);

  await page.goto((await webAppRequest(w, 'openid email', app)).url);
  await page.getByRole('button', { name: 'Allow' }).waitFor();
  t.deepEqual(await page.getByRole('listitem').allTextContents(), ['See your email address']);
});
