// "Forgot password?" end to end over HTTP, with a real SMTP server: the mail, its single-use link,
// the new password, and what a reset revokes. The answer never tells whether an email has an
// account, and nothing usable is stored.
import test, { type ExecutionContext } from 'ava';
import { refreshTokenGrant } from 'openid-client';
import { admin } from '../helpers/admin.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { linkIn, startSmtpServer } from '../helpers/smtpServer.js';
import { dumpEmbedded } from '../helpers/storeDump.js';
import { type Page, asPage as page, textOf as text, type UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const NEW_PASSWORD = 'a brand new passphrase for ada';

/** A server with Ada and the usual clients, and its own SMTP server: each test reads its own mail. */
async function setUp(t: ExecutionContext, settings: Record<string, string> = {}) {
  const inbox = await startSmtpServer();
  t.teardown(() => inbox.stop());
  const w = await world({ SMTP_URL: inbox.url, ...settings });
  t.teardown(() => w.op.stop());
  return { w, inbox, rp: await relyingParty(w.op.url, w.web) };
}

/** From the login page: "Forgot password?", then the email. */
async function askForLink(agent: UserAgent, login: Page, email: string) {
  const forgotHref = /href="([^"]*\/forgot)"/.exec(login.html)?.[1];
  if (!forgotHref) throw new Error('no "Forgot password?" link on the login page');
  const forgot = page(await agent.navigate(new URL(forgotHref, login.url).href));
  return page(await agent.submit(forgot, '/forgot', { email }));
}

test('a mailed link sets a new password once: sessions and refresh tokens from before are revoked', async (t) => {
  const { w, rp, inbox } = await setUp(t);
  const before = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid offline_access' }));
  t.truthy(before.refresh_token);

  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  const sent = await askForLink(agent, login, 'ADA@example.com');
  t.is(sent.status, 200);
  t.regex(text(sent.html), /Check your mail .* a link to choose a new password is on its way/);
  const mail = await inbox.next(ADA.email, 1);
  t.is(mail.subject, 'Reset your password');
  const link = linkIn(mail);
  const token = new URL(link).searchParams.get('token') ?? '-';
  t.true(link.startsWith(`${w.op.url}/reset-password?token=`));
  t.false(dumpEmbedded(w.op.dataDir).join('\n').includes(token), 'the store keeps only its hash');

  const form = page(await agent.navigate(link));
  t.regex(text(form.html), /Choose a new password for ada@example.com/);
  const weak = page(await agent.submit(form, '/reset-password', { password: 'password1', confirm: 'password1' }));
  t.is(weak.status, 400);
  t.regex(text(weak.html), /Choose another password:/);
  const differ = page(await agent.submit(weak, '/reset-password', { password: NEW_PASSWORD, confirm: 'other' }));
  t.regex(text(differ.html), /The two passwords differ/);
  const done = page(await agent.submit(differ, '/reset-password', { password: NEW_PASSWORD, confirm: NEW_PASSWORD }));
  t.is(done.status, 200);
  t.regex(text(done.html), /Your password is changed .*signed out everywhere/);

  const refused = await refreshTokenGrant(rp, before.refresh_token ?? '').catch((error: { error?: string }) => error);
  t.is((refused as { error?: string }).error, 'invalid_grant');
  const old = await signIn(rp, { redirectUri: WEB_REDIRECT }).catch((error: Error) => error.message);
  t.regex(String(old), /Invalid email or password/);
  t.truthy((await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, password: NEW_PASSWORD }))).id_token);

  const again = page(await agent.navigate(link));
  t.is(again.status, 400, 'a used link is refused');
  t.regex(text(again.html), /This link does not work/);
  const account = await w.op.store.accounts.findByEmail(ADA.email);
  t.like(
    w.op.auditLines.find((line) => line.event === 'account.password_reset'),
    { outcome: 'success', accountId: account?.accountId, actor: `account:${account?.accountId}` },
  );
  t.true(w.op.auditLines.some((line) => line.event === 'account_link.refused'));
  t.false(
    JSON.stringify([...w.op.auditLines, ...w.op.logLines]).includes(token),
    'no token in the audit trail or the log',
  );
});

test('an unknown email reads exactly like a known one, and gets no mail', async (t) => {
  const { rp, inbox } = await setUp(t);
  const strip = (html: string, email: string) =>
    text(html)
      .replace(email, 'EMAIL')
      .replace(/[A-Za-z0-9_-]{20,}/g, 'ID');
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  const unknown = await askForLink(agent, login, 'nobody@example.com');
  const known = await askForLink(agent, login, ADA.email);
  t.is(unknown.status, known.status);
  t.is(strip(unknown.html, 'nobody@example.com'), strip(known.html, ADA.email));
  await inbox.next(ADA.email); // Ada's mail, sent after, has arrived...
  t.is(inbox.to('nobody@example.com').length, 0, '...and none went to the unknown address');
});

test('a later password change makes an earlier reset link useless', async (t) => {
  const { w, rp, inbox } = await setUp(t);
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  await askForLink(agent, login, ADA.email);
  const link = linkIn(await inbox.next(ADA.email));
  await admin(w.op.store, 'user', 'set-password', ADA.email, '--password', NEW_PASSWORD);
  const refused = page(await agent.navigate(link));
  t.is(refused.status, 400);
  t.regex(text(refused.html), /This link does not work/);
});
