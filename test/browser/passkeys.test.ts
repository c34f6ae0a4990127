// Passkeys in Chromium, with the DevTools WebAuthn virtual authenticator standing in for a phone or
// a security key: a person adds a passkey on the account page, signs out, and signs in with it
// alone (no email typed: a discoverable credential), through the browser's passkey autofill
// (conditional UI, which the virtual authenticator answers at once) or, in a browser without it,
// the "Sign in with a passkey" button; the ID token says amr hwk user with the MFA acr. Their
// password now asks for a second step, which the passkey answers. A copy of the
// authenticator (the same key with a counter behind) is refused, one answer is good once even when
// sent twice at the same moment, and an operator's `user mfa reset` takes the passkey away.
import { once } from 'node:events';
import { createServer } from 'node:http';
import test, { type ExecutionContext } from 'ava';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { ACR_MFA } from '../../src/accounts/authentication.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { chromiumForFile } from '../helpers/browser.js';
import { screenshot } from '../helpers/screenshot.js';
import { ADA, world } from '../helpers/world.js';
import { allowIfAsked, logIn } from './signInSteps.js';
import { type WebAppRequest, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);

/**
 * The web app these tests sign in to: a real HTTP server on loopback answering its callback (not a
 * stubbed route: DevTools' request routing does not always see navigations that follow a WebAuthn
 * ceremony), and its client registration.
 */
async function passkeyApp(t: ExecutionContext, w: Awaited<ReturnType<typeof world>>) {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>app</title>'),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => server.close());
  const callback = `http://127.0.0.1:${(server.address() as { port: number }).port}/callback`;
  const client = await admin<RegisteredClient>(
    w.op.store,
    'client',
    'add',
    '--name',
    'Passkey App',
    '--redirect-uri',
    callback,
  );
  return { callback, client, arrived: (url: URL) => url.origin + url.pathname === callback };
}

type PasskeyApp = Awaited<ReturnType<typeof passkeyApp>>;

/** A platform authenticator that holds passkeys and verifies its user (a fingerprint), always yes. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function addPasskey(page: Page, url: string, name: string) {
  await page.goto(`${url}/account`);
  await logIn(page);
  await page.getByLabel('Name it (optional)').fill(name);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
}

/** Signed out, then the app's sign-in; the login page is open. */
async function freshSignIn(context: BrowserContext, page: Page, w: Awaited<ReturnType<typeof world>>, app: PasskeyApp) {
  await context.clearCookies();
  const request = await webAppRequest(w, undefined, app.client, app.callback);
  await page.goto(request.url);
  return { ...request, app };
}

/** From now on this browser has no passkey autofill (conditional UI): the button is the way. */
async function withoutAutofill(context: BrowserContext) {
  await context.addInitScript(() => {
    // Only secure pages have WebAuthn (the web app's stub page is plain http).
    const webauthn = (globalThis as { PublicKeyCredential?: { isConditionalMediationAvailable?: unknown } })
      .PublicKeyCredential;
    if (webauthn) webauthn.isConditionalMediationAvailable = async () => false;
  });
}

async function finish(page: Page, request: WebAppRequest & { app: PasskeyApp }) {
  await allowIfAsked(page, new URL(request.url).origin);
  await page.waitForURL(request.app.arrived);
  return (await request.redeem(page.url())).claims();
}

/** The passkeys the authenticator holds, private keys included (DevTools can read them). */
async function heldCredentials(cdp: CDPSession, authenticatorId: string) {
  return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
}

test('a person adds a passkey, then signs in with it alone (amr hwk user) and as the second step', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const app = await passkeyApp(t, w);
  const tab = await openTab(t);
  const { page, context } = tab;
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  await addPasskey(page, w.op.url, 'Test phone');
  // The first second factor comes with recovery codes, shown once.
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Two-step sign-in is on');
  t.is((await page.locator('#recovery-codes code').allTextContents()).length, 10);
  await page.getByRole('link', { name: 'Back to your account' }).click();
  t.true(await page.locator('strong', { hasText: 'Test phone' }).isVisible());
  await screenshot(page, 'account-page');
  const held = await heldCredentials(cdp, authenticatorId);
  t.is(held.length, 1);
  t.true(held[0]?.isResidentCredential, 'a discoverable credential: no email needed to use it');
  const shown = await admin(w.op.store, 'user', 'show', ADA.email);
  t.is(shown.factors.passkeys[0]?.name, 'Test phone');

  // Signed out: the browser offers the passkey as the login page opens (autofill), and it alone
  // signs in.
  const autofill = await freshSignIn(context, page, w, app);
  const claims = await finish(page, autofill);
  t.deepEqual(claims?.amr, ['hwk', 'user']);
  t.is(claims?.acr, ACR_MFA);
  t.is(claims?.email, ADA.email);

  // A browser without autofill: the button.
  await withoutAutofill(context);
  const button = await freshSignIn(context, page, w, app);
  await screenshot(page, 'login-page');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  t.deepEqual((await finish(page, button))?.amr, ['hwk', 'user']);

  // The password alone is no longer enough: the passkey is the second step.
  const twoSteps = await freshSignIn(context, page, w, app);
  await logIn(page);
  t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Two-step sign-in');
  await screenshot(page, 'second-step');
  await page.getByRole('button', { name: 'Use your passkey' }).click();
  t.deepEqual((await finish(page, twoSteps))?.amr, ['pwd', 'hwk', 'user', 'mfa']);

  const stored = (await w.op.store.accounts.findByEmail(ADA.email))?.factors?.passkeys?.[0];
  t.truthy(stored?.lastUsedAt, 'the account page can say when it was last used');

  // Removing it asks for the password; the last factor gone, the recovery codes go with it.
  await page.goto(`${w.op.url}/account`);
  t.true(await page.getByText(/last used/).isVisible());
  await page.getByText('Remove Test phone', { exact: true }).click();
  await page.getByLabel('Your password, to remove Test phone').fill(ADA.password);
  await page.getByRole('button', { name: 'Remove this passkey' }).click();
  t.is(await page.getByRole('status').first().textContent(), 'The passkey is removed.');
  t.is((await w.op.store.accounts.findByEmail(ADA.email))?.factors, undefined);
  t.deepEqual(tab.cspViolations(), []);
  t.deepEqual(tab.errors(), []);
});

test('a copied authenticator (its counter behind) is refused, and `user mfa reset` removes passkeys', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const app = await passkeyApp(t, w);
  const { page, context } = await openTab(t);
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await addPasskey(page, w.op.url, 'Key');
  await withoutAutofill(context);
  const [original] = await heldCredentials(cdp, authenticatorId);
  if (!original) return t.fail('the authenticator holds the passkey');

  const first = await freshSignIn(context, page, w, app);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  t.deepEqual((await finish(page, first))?.amr, ['hwk', 'user']);
  const counted = (await w.op.store.accounts.findByEmail(ADA.email))?.factors?.passkeys?.[0]?.counter ?? 0;
  t.true(counted > 0, 'this authenticator counts its signatures');

  // The same private key in another authenticator that has signed less: a clone.
  await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: original.credentialId });
  await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: { ...original, signCount: 0 } });
  await freshSignIn(context, page, w, app);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  t.regex((await page.getByRole('alert').textContent()) ?? '', /looks copied/);
  const refused = w.op.auditLines.find((line) => line.event === 'login.passkey' && line.outcome === 'failure');
  t.is(refused?.reason, 'cloned_authenticator');

  await admin(w.op.store, 'user', 'mfa', 'reset', ADA.email);
  t.is((await w.op.store.accounts.findByEmail(ADA.email))?.factors, undefined);
  const afterReset = await freshSignIn(context, page, w, app);
  await logIn(page);
  t.deepEqual((await finish(page, afterReset))?.amr, ['pwd'], 'the password alone again');
});

test('a passkey answer is good once, even sent twice at the same moment', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const app = await passkeyApp(t, w);
  const { page, context } = await openTab(t);
  await virtualAuthenticator(page);
  await addPasskey(page, w.op.url, 'Key');
  await withoutAutofill(context);

  await freshSignIn(context, page, w, app);
  // Keep the browser's answer from reaching the server, then send it twice.
  let capture: (answer: { url: string; body: string }) => void = () => {};
  const answered = new Promise<{ url: string; body: string }>((resolve) => {
    capture = resolve;
  });
  await page.route('**/passkey', async (route) => {
    capture({ url: route.request().url(), body: route.request().postData() ?? '' });
    await route.abort();
  });
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  const answer = await answered;
  const send = () =>
    context.request.post(answer.url, {
      data: answer.body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      maxRedirects: 0,
    });
  const statuses = (await Promise.all([send(), send()])).map((response) => response.status()).sort();
  t.deepEqual(statuses, [303, 401], 'one sign-in, one refusal');
});
