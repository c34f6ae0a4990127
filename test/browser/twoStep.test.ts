// Two-step sign-in in Chromium: a person turns it on from the account page by reading the key the
// page shows and typing a code computed from it, then signs in with password and code (the ID token
// says pwd otp mfa); the same code a second time is refused, and a recovery code works. The server
// runs on a clock the test moves, so every code is computed for a known moment.
import test from 'ava';
import { totpCode } from '../../src/accounts/totp.js';
import { chromiumForFile, stubOrigin } from '../helpers/browser.js';
import { manualClock } from '../helpers/manualClock.js';
import { authorizationUrl, relyingParty } from '../helpers/relyingParty.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';
import { answerConsent, logIn } from './signInSteps.js';
import { atWebCallback, WEB_ORIGIN, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);

test('a person turns on two-step sign-in, signs in with a code once, then with a recovery code', async (t) => {
  const clock = manualClock();
  const w = await world({}, { clock: clock.now });
  t.teardown(() => w.op.stop());
  const tab = await openTab(t);
  const { page, context } = tab;
  await stubOrigin(context, WEB_ORIGIN);

  await page.goto(`${w.op.url}/account`);
  await logIn(page);
  await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
  t.true(await page.getByRole('img', { name: 'QR code of the key' }).isVisible());
  await page.getByText('Cannot scan it?').click();
  const secret = ((await page.locator('#totp-key').textContent()) ?? '').replaceAll(' ', '');
  await page.getByLabel('Code from the app').fill(totpCode(secret, clock.now()));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Two-step sign-in is on');
  const recovery = await page.locator('#recovery-codes code').allTextContents();
  t.is(recovery.length, 10);

  clock.advance(60_000);
  await context.clearCookies(); // another day, signed out
  await stubOrigin(context, WEB_ORIGIN);
  const code = totpCode(secret, clock.now());
  const withCode = await webAppRequest(w);
  await page.goto(withCode.url);
  await logIn(page);
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Two-step sign-in');
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await answerConsent(page, 'Allow');
  await page.waitForURL(atWebCallback);
  t.deepEqual((await withCode.redeem(page.url())).claims()?.amr, ['pwd', 'otp', 'mfa']);

  await context.clearCookies();
  const withRecovery = await webAppRequest(w);
  await page.goto(withRecovery.url);
  await logIn(page);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  t.regex((await page.getByRole('alert').textContent()) ?? '', /not right, or was already used/, 'a code works once');
  await page.getByText('Lost your authenticator? Use a recovery code').click();
  await page.getByLabel('Recovery code').fill(recovery[0] ?? '');
  await page.getByRole('button', { name: 'Use the recovery code' }).click();
  // The web app was allowed before: a new session is not asked again.
  await page.waitForURL(atWebCallback);
  t.deepEqual((await withRecovery.redeem(page.url())).claims()?.amr, ['pwd', 'otp', 'mfa']);
  t.deepEqual(tab.cspViolations(), []);
  // The refused code's page answers 401, which the console reports; nothing else went wrong.
  t.deepEqual(
    tab.errors().filter((error) => !error.includes('status of 401')),
    [],
  );
});

test('with a first-party client the code page’s form may end at the client: its CSP allows it', async (t) => {
  const clock = manualClock();
  const w = await world({}, { clock: clock.now });
  t.teardown(() => w.op.stop());
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const ada = await w.op.store.accounts.findByEmail(ADA.email);
  await w.op.store.accounts.update(ada?.accountId ?? '', { factors: { totp: { secret, enrolledAt: clock.now() } } });
  const tab = await openTab(t);
  await stubOrigin(tab.context, WEB_ORIGIN);
  await tab.page.goto(await authorizationUrl(await relyingParty(w.op.url, w.firstParty), WEB_REDIRECT));
  await logIn(tab.page);
  await tab.page.getByLabel('Code', { exact: true }).fill(totpCode(secret, clock.now()));
  await tab.page.getByRole('button', { name: 'Continue' }).click();
  await tab.page.waitForURL(atWebCallback); // no consent for a first-party client: straight back
  t.deepEqual(tab.cspViolations(), []);
});
