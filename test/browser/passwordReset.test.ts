// "Forgot password?" in Chromium, as a person does it: from the login page to the mail (a real SMTP
// server), through the link to a new password, then signing in with it. No page breaks its CSP.
import test from 'ava';
import { chromiumForFile, stubOrigin } from '../helpers/browser.js';
import { linkIn, startSmtpServer } from '../helpers/smtpServer.js';
import { ADA, type World, world } from '../helpers/world.js';
import { answerConsent, logIn } from './signInSteps.js';
import { atWebCallback, WEB_ORIGIN, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);
const NEW_PASSWORD = 'lovelace remembers a new phrase';

test('a person who forgot the password gets a link by mail, sets a new one and signs in with it', async (t) => {
  const inbox = await startSmtpServer();
  t.teardown(() => inbox.stop());
  const w: World = await world({ SMTP_URL: inbox.url });
  t.teardown(() => w.op.stop());
  const tab = await openTab(t);
  const { page, context } = tab;
  await stubOrigin(context, WEB_ORIGIN);

  await page.goto((await webAppRequest(w)).url);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Reset your password');
  await page.getByLabel('Email').fill(ADA.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Check your mail');

  await page.goto(linkIn(await inbox.next(ADA.email)));
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Choose a new password');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('The same password again').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set the password' }).click();
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Your password is changed');

  const request = await webAppRequest(w);
  await page.goto(request.url);
  await logIn(page, ADA.email, NEW_PASSWORD);
  await answerConsent(page, 'Allow');
  await page.waitForURL(atWebCallback);
  t.truthy((await request.redeem(page.url())).id_token);
  t.deepEqual(tab.errors(), []);
  t.deepEqual(tab.cspViolations(), []);
});
