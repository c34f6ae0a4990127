// Self-registration (SIGNUP=true), end to end with a real SMTP server: a new person creates an
// account, confirms it by the mailed link and signs in (email_verified follows); an email that has
// an account reads exactly the same and its owner is mailed instead; off by default; refused in
// production without mail.
import test from 'ava';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { linkIn, startSmtpServer } from '../helpers/smtpServer.js';
import { asPage as page, textOf as text } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const GRACE = { email: 'grace@example.com', password: 'a compiler is a fine thing', name: 'Grace Hopper' };

async function setUp(t: import('ava').ExecutionContext, settings: Record<string, string> = { SIGNUP: 'true' }) {
  const inbox = await startSmtpServer();
  t.teardown(() => inbox.stop());
  const w = await world({ SMTP_URL: inbox.url, ...settings });
  t.teardown(() => w.op.stop());
  return { w, inbox, rp: await relyingParty(w.op.url, w.firstParty) };
}

async function signUpForm(rp: Awaited<ReturnType<typeof relyingParty>>) {
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  const href = /href="([^"]*\/signup)"/.exec(login.html)?.[1];
  if (!href) throw new Error('no "Create an account" link on the login page');
  return { agent, form: page(await agent.navigate(new URL(href, login.url).href)) };
}

test('a person creates an account, confirms the address by mail, and signs in with it', async (t) => {
  const { w, inbox, rp } = await setUp(t);
  const { agent, form } = await signUpForm(rp);
  const weak = page(
    await agent.submit(form, '/signup', { email: GRACE.email, password: 'password1', confirm: 'password1' }),
  );
  t.is(weak.status, 400);
  t.regex(text(weak.html), /Choose another password:/);
  const sent = page(
    await agent.submit(weak, '/signup', {
      email: GRACE.email,
      name: GRACE.name,
      password: GRACE.password,
      confirm: GRACE.password,
    }),
  );
  t.regex(text(sent.html), /Check your mail We sent a message to grace@example.com/);
  const account = await w.op.store.accounts.findByEmail(GRACE.email);
  t.like(account, { emailVerified: false, name: GRACE.name });

  const before = (
    await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, ...GRACE, scope: 'openid email' }))
  ).claims();
  t.false(before?.email_verified, 'it signs in, unconfirmed');
  const confirm = page(await agent.navigate(linkIn(await inbox.next(GRACE.email))));
  page(await agent.submit(confirm, '/verify-email'));
  const after = (
    await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, ...GRACE, scope: 'openid email' }))
  ).claims();
  t.true(after?.email_verified);
  t.true(w.op.auditLines.some((line) => line.event === 'account.signed_up' && line.accountId === account?.accountId));
});

test('an email that has an account reads the same; its owner gets a mail, and nothing changes', async (t) => {
  const { w, inbox, rp } = await setUp(t);
  const before = await w.op.store.accounts.findByEmail(ADA.email);
  const { agent, form } = await signUpForm(rp);
  const taken = page(
    await agent.submit(form, '/signup', {
      email: 'ADA@example.com',
      password: GRACE.password,
      confirm: GRACE.password,
    }),
  );
  const fresh = page(
    await agent.submit(form, '/signup', { email: GRACE.email, password: GRACE.password, confirm: GRACE.password }),
  );
  t.is(taken.status, fresh.status);
  t.is(text(taken.html).replace('ADA@example.com', 'EMAIL'), text(fresh.html).replace(GRACE.email, 'EMAIL'));
  const mail = await inbox.next(ADA.email);
  t.is(mail.subject, 'You already have an account');
  t.deepEqual(await w.op.store.accounts.findByEmail(ADA.email), before, 'the account is untouched');
  t.true(w.op.auditLines.some((line) => line.event === 'signup.email_taken'));
});

test('off by default: no link, and the page says accounts come from an administrator', async (t) => {
  const { rp } = await setUp(t, {});
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  t.notRegex(login.html, /Create an account/);
  const uid = /\/interaction\/([^/"]+)\/login/.exec(login.html)?.[1];
  const refused = page(await agent.navigate(`${new URL(login.url).origin}/interaction/${uid}/signup`));
  t.is(refused.status, 404);
  t.regex(text(refused.html), /Accounts are created by an administrator here/);
});

test('SIGNUP=true in production without SMTP_URL stops startup naming it', (t) => {
  const error = t.throws(
    () => loadConfig({ NODE_ENV: 'production', TRUST_PROXY: 'false', OSTIARY_SECRET: 'x'.repeat(43), SIGNUP: 'true' }),
    { instanceOf: ConfigError },
  );
  t.true(error?.problems.some((problem) => problem.variable === 'SIGNUP'));
});
