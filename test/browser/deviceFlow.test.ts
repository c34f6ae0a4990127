// The device flow's pages in Chromium: the person opens the verification URI with the code in it
// (oidc-provider's self-submitting page runs under our CSP), sees the code to compare, connects,
// signs in and allows; the device's polling gets the tokens. No page breaks its CSP or the console.
import test from 'ava';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { chromiumForFile } from '../helpers/browser.js';
import { relyingParty } from '../helpers/relyingParty.js';
import { ADA, world } from '../helpers/world.js';
import { answerConsent, logIn } from './signInSteps.js';

const openTab = chromiumForFile(test);

test('a person connects a TV from Chromium: code page, confirmation, sign-in, consent, done', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const tv = await admin<RegisteredClient>(
    w.op.store,
    ...[
      'client',
      'add',
      '--name',
      'Living Room TV',
      '--public',
      '--grant',
      'urn:ietf:params:oauth:grant-type:device_code',
    ],
  );
  const rp = await relyingParty(w.op.url, tv);
  const started = await oidc.initiateDeviceAuthorization(rp, { scope: 'openid email' });

  const tab = await openTab(t);
  const { page } = tab;
  await page.goto(started.verification_uri_complete ?? '');
  await page.getByRole('heading', { name: 'Connect Living Room TV?' }).waitFor();
  t.is(await page.locator('.user-code code').textContent(), started.user_code, 'the code to compare with the TV');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await logIn(page);
  await answerConsent(page, 'Allow');
  await page.getByRole('heading', { name: 'Device connected' }).waitFor();

  const tokens = await oidc.pollDeviceAuthorizationGrant(rp, { ...started, interval: 0.01 });
  t.is(tokens.claims()?.email, ADA.email);
  t.deepEqual(tab.cspViolations(), []);
  t.deepEqual(tab.errors(), []);
});

test('the code page is labelled and says when a code is wrong', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const { page } = await openTab(t);
  await page.goto(`${w.op.url}/device`);
  await page.getByLabel('Code').fill('BCDF-GHJK');
  await page.getByRole('button', { name: 'Continue' }).click();
  t.regex((await page.getByRole('alert').textContent()) ?? '', /That code is not right/);
});
