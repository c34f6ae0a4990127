// Email verification and mail without SMTP: `user add --send-verification` mails a link that
// confirms the address (until then email_verified is false, in the ID token too); development
// without SMTP_URL writes links to the log; production without it offers no reset and refuses to
// promise a verification mail.
import test, { type ExecutionContext } from 'ava';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { runCli } from '../helpers/runCli.js';
import { linkIn, startSmtpServer } from '../helpers/smtpServer.js';
import { asPage as page, textOf as text, UserAgent } from '../helpers/UserAgent.js';
import { WEB_REDIRECT, world } from '../helpers/world.js';

const GRACE = { email: 'grace@example.com', password: 'a compiler is a fine thing' };

async function emailVerifiedClaim(rp: Awaited<ReturnType<typeof relyingParty>>) {
  const tokens = await exchange(
    rp,
    await signIn(rp, {
      redirectUri: WEB_REDIRECT,
      email: GRACE.email,
      password: GRACE.password,
      scope: 'openid email',
    }),
  );
  return tokens.claims()?.email_verified;
}

test('user add --send-verification: email_verified stays false until the mailed link is confirmed, once', async (t) => {
  const inbox = await startSmtpServer();
  t.teardown(() => inbox.stop());
  const w = await world({ SMTP_URL: inbox.url });
  t.teardown(() => w.op.stop());
  const env = { DATA_DIR: w.op.dataDir, SMTP_URL: inbox.url, ISSUER: w.op.url };
  const added = await runCli(
    ['user', 'add', '--email', GRACE.email, '--password', GRACE.password, '--send-verification', '--json'],
    { env },
  );
  t.is(added.code, 0, added.stderr);
  t.like(JSON.parse(added.stdout), { email: GRACE.email, emailVerified: false, verification_sent: true });

  const rp = await relyingParty(w.op.url, w.firstParty);
  t.false(await emailVerifiedClaim(rp), 'unverified in the ID token');

  const mail = await inbox.next(GRACE.email);
  t.is(mail.subject, 'Confirm your email address');
  const link = linkIn(mail);
  t.true(link.startsWith(`${w.op.url}/verify-email?token=`));
  const agent = new UserAgent(new URL(w.op.url).origin);
  const confirm = page(await agent.navigate(link));
  t.regex(text(confirm.html), /Is grace@example.com your address\?/);
  t.false((await w.op.store.accounts.findByEmail(GRACE.email))?.emailVerified, 'looking at the link changes nothing');
  const done = page(await agent.submit(confirm, '/verify-email'));
  t.regex(text(done.html), /Your email address is confirmed/);

  const shown = await runCli(['user', 'show', GRACE.email, '--json'], { env });
  t.like(JSON.parse(shown.stdout), { email: GRACE.email, emailVerified: true });
  t.false(shown.stdout.includes('argon2'), 'no password hash shown');
  t.true(await emailVerifiedClaim(rp), 'verified in the ID token');
  t.is(page(await agent.navigate(link)).status, 400, 'the link works once');
  t.true(w.op.auditLines.some((line) => line.event === 'account.email_verified'));
});

test('development without SMTP_URL: the link is written to the log, and it works', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  t.regex(login.html, /Forgot password\?/);
  const uid = /\/interaction\/([^/"]+)\/login/.exec(login.html)?.[1];
  const forgot = page(await agent.navigate(`${w.op.url}/interaction/${uid}/forgot`));
  page(await agent.submit(forgot, '/forgot', { email: 'ada@example.com' }));
  // The link is logged before the page answers (the mail would leave after it).
  const logged = w.op.logLines.find((line) => typeof line.link === 'string');
  t.like(logged, { level: 40, to: 'ada@example.com', subject: 'Reset your password' });
  const form = page(await agent.navigate(String(logged?.link)));
  t.regex(text(form.html), /Choose a new password/);
});

async function production(t: ExecutionContext) {
  const settings = { NODE_ENV: 'production', TRUST_PROXY: 'false', OSTIARY_SECRET: generateMasterSecret() };
  const w = await world(settings);
  t.teardown(() => w.op.stop());
  return { w, env: { ...settings, DATA_DIR: w.op.dataDir, ISSUER: w.op.url } };
}

test('production without SMTP_URL offers no reset and refuses --send-verification, creating nothing', async (t) => {
  const { w, env } = await production(t);
  const rp = await relyingParty(w.op.url, w.web);
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  t.notRegex(login.html, /Forgot password/);
  const uid = /\/interaction\/([^/"]+)\/login/.exec(login.html)?.[1];
  const forgot = page(await agent.navigate(`${w.op.url}/interaction/${uid}/forgot`));
  t.is(forgot.status, 404);
  t.regex(text(forgot.html), /Passwords cannot be reset here/);

  const refused = await runCli(
    ['user', 'add', '--email', GRACE.email, '--password', GRACE.password, '--send-verification'],
    { env },
  );
  t.is(refused.code, 2);
  t.regex(refused.stderr, /^error: --send-verification: the server cannot send mail: set SMTP_URL/m);
  t.is(await w.op.store.accounts.findByEmail(GRACE.email), undefined);
});
