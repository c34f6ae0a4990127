// Pages speak to people: an error page says what happened and what to do (the protocol's words stay
// for developers), an empty login form asks for what is missing without counting a guess, and the
// consent page's "Not you?" lets someone sign in as the account they meant.
import test from 'ava';
import * as oidc from 'openid-client';
import { admin } from '../helpers/admin.js';
import { exchange, openLoginPage, relyingParty } from '../helpers/relyingParty.js';
import { isPage, asPage as page, textOf as text } from '../helpers/UserAgent.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
  await admin(w.op.store, 'user', 'add', '--email', 'grace@example.com', '--password', 'a compiler is a fine thing');
});
test.after.always(() => w?.op.stop());

test('an unknown client reads as a sentence for people, with the protocol’s words for developers', async (t) => {
  const response = await fetch(
    `${w.op.url}/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(WEB_REDIRECT)}`,
  );
  t.is(response.status, 400);
  const html = text(await response.text());
  t.regex(html, /This application is not known here, or is not allowed to sign people in\. Tell its developers\./);
  t.regex(html, /For the application’s developers invalid_client : client is invalid/);
});

test('an empty login form asks for the email and password and counts no attempt', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  const before = w.op.auditLines.length;
  const empty = page(await agent.submit(login, '/login', { email: 'ada@example.com', password: '' }));
  t.is(empty.status, 400);
  t.regex(text(empty.html), /Enter your email and your password\./);
  t.false(
    w.op.auditLines.slice(before).some((line) => String(line.event).startsWith('login.')),
    'no attempt counted',
  );
});

test('"Not you?" on the consent page starts the same request again for another account', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const { agent, page: login } = await openLoginPage(rp, {
    redirect_uri: WEB_REDIRECT,
    scope: 'openid email',
    state: 'keep-me',
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
  });
  const consent = page(
    await agent.submit(login, '/login', { email: 'ada@example.com', password: 'correct horse battery' }),
  );
  t.regex(text(consent.html), /Not ada@example.com\? Sign in as someone else/);
  const again = page(await agent.submit(consent, '/switch'));
  t.regex(text(again.html), /Sign in to continue to Web/);
  let step = await agent.submit(again, '/login', {
    email: 'grace@example.com',
    password: 'a compiler is a fine thing',
  });
  // Switching accounts ends Ada's session first, through a page that submits itself in a browser.
  if (isPage(step) && step.html.includes('Submitting Callback')) step = await agent.submit(step, '');
  if (isPage(step) && step.html.includes('/confirm"')) step = await agent.submit(step, '/confirm');
  if (isPage(step)) return t.fail(`stopped on a page: ${text(step.html)}`);
  const grace = { callback: new URL(step.redirect), verifier, state: 'keep-me', nonce, agent };
  const claims = (await exchange(rp, grace)).claims();
  t.is(claims?.email, 'grace@example.com');
});
