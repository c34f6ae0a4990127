// The audit trail of a running server: one JSON line per security event, with its time, request
// id, account, client, address, outcome and reason, and never a secret. Each event a browser or a
// client can cause is caused here for real, over HTTP, and looked for.
import test from 'ava';
import * as oidc from 'openid-client';
import { AUDIT_EVENTS } from '../../src/audit/auditEvents.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage } from '../helpers/UserAgent.js';
import { ADA, WEB_LOGOUT, WEB_REDIRECT, type World, world } from '../helpers/world.js';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let w: World;
let adaId: string;
let skew = 0; // the provider's clock runs ahead of the wall clock by this much
test.before(async () => {
  w = await world({ LOGIN_FAILURE_LIMIT: '3' }, { clock: () => Date.now() + skew });
  adaId = (await w.op.store.accounts.findByEmail(ADA.email))?.accountId as string;
});
test.after.always(() => w?.op.stop());

const linesOf = (event: string) => w.op.auditLines.filter((line) => line.event === event);
const lineWith = (requestId: string) => w.op.auditLines.find((line) => line.requestId === requestId);

test.serial('a sign-in with the wrong password, then the right one: login.failure and login.success', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const { agent, page } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  const wrong = await agent.submit(
    page,
    '/login',
    { email: ADA.email, password: 'not the password at all' },
    { 'x-request-id': 'req-wrong-1' },
  );
  if (!isPage(wrong)) return t.fail('expected the login page again');
  t.like(lineWith('req-wrong-1'), {
    event: 'login.failure',
    outcome: 'failure',
    reason: 'invalid_credentials',
    accountId: adaId,
    clientId: w.web.client_id,
    address: '127.0.0.1',
    audit: true,
  });
  t.regex(String(lineWith('req-wrong-1')?.time), ISO_TIME);

  await agent.submit(wrong, '/login', { email: ADA.email, password: ADA.password }, { 'x-request-id': 'req-right-1' });
  t.like(lineWith('req-right-1'), {
    event: 'login.success',
    outcome: 'success',
    accountId: adaId,
    clientId: w.web.client_id,
  });
});

test.serial('an unknown email fails without an accountId; a locked email is login.throttled', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const opened = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  let page = opened.page;
  for (let i = 0; i < 4; i += 1) {
    const next = await opened.agent.submit(
      page,
      '/login',
      { email: 'nobody@example.com', password: 'whatever it may be' },
      { 'x-request-id': `req-nobody-${i}` },
    );
    if (!isPage(next)) return t.fail('expected the login page');
    page = next;
  }
  const unknown = lineWith('req-nobody-0');
  t.like(unknown, { event: 'login.failure', reason: 'invalid_credentials' });
  t.false(unknown !== undefined && 'accountId' in unknown && unknown.accountId !== undefined);
  t.like(lineWith('req-nobody-3'), { event: 'login.throttled', outcome: 'failure', reason: 'too_many_attempts' });
});

test.serial(
  'consent granted, then denied at the next request for more: consent.granted and consent.denied',
  async (t) => {
    const rp = await relyingParty(w.op.url, w.web);
    const granted = await signIn(rp, { redirectUri: WEB_REDIRECT });
    t.true(linesOf('consent.granted').some((line) => line.accountId === adaId && line.clientId === w.web.client_id));
    const before = linesOf('consent.denied').length;
    await signIn(rp, {
      redirectUri: WEB_REDIRECT,
      agent: granted.agent,
      scope: 'openid offline_access',
      extra: { prompt: 'consent' },
      consent: 'deny',
    });
    const denied = linesOf('consent.denied').at(before);
    t.like(denied, { outcome: 'failure', reason: 'consent_refused', accountId: adaId, clientId: w.web.client_id });
  },
);

test.serial('a reused refresh token: refresh_token.reused, and a warning in the log', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
  skew = 5_000; // past the 2 s in which a second use is taken for a concurrent one
  const reused = await postForm(
    w.op.url,
    '/token',
    { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
    w.web,
    { 'x-request-id': 'req-reuse' },
  );
  skew = 0;
  t.is(reused.status, 400);
  t.like(lineWith('req-reuse'), {
    event: 'refresh_token.reused',
    outcome: 'failure',
    reason: 'grant_revoked',
    clientId: w.web.client_id,
    accountId: adaId,
  });
  const warning = w.op.logLines.find((line) => line.requestId === 'req-reuse' && line.level === 40);
  t.regex(String(warning?.msg), /refresh token reused/);
});

test.serial('a client revoking its refresh token: token.revoked; a token it does not own: nothing', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const other = await postForm(w.op.url, '/token/revocation', { token: tokens.refresh_token as string }, w.firstParty, {
    'x-request-id': 'req-revoke-other',
  });
  t.is(other.status, 200);
  t.is(lineWith('req-revoke-other'), undefined);
  const own = await postForm(w.op.url, '/token/revocation', { token: tokens.refresh_token as string }, w.web, {
    'x-request-id': 'req-revoke',
  });
  t.is(own.status, 200);
  t.like(lineWith('req-revoke'), {
    event: 'token.revoked',
    outcome: 'success',
    clientId: w.web.client_id,
    accountId: adaId,
    details: { kind: 'refresh_token' },
  });
});

test.serial('logout: one logout line with the account and the grants it revoked', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  const tokens = await exchange(rp, signedIn);
  const url = oidc.buildEndSessionUrl(rp, {
    id_token_hint: tokens.id_token as string,
    post_logout_redirect_uri: WEB_LOGOUT,
  });
  const confirm = await signedIn.agent.navigate(url.href);
  if (!isPage(confirm)) return t.fail('expected the logout confirmation page');
  await signedIn.agent.submit(confirm, '/session/end/confirm', { logout: 'yes' }, { 'x-request-id': 'req-logout' });
  const line = lineWith('req-logout');
  t.like(line, { event: 'logout', outcome: 'success', accountId: adaId });
  t.true(Number((line?.details as { grantsRevoked?: number })?.grantsRevoked) >= 1);
});

test.serial(
  'every line names a known event, and no password, code, token or client secret appears anywhere',
  async (t) => {
    const rp = await relyingParty(w.op.url, w.web);
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
    const code = signedIn.callback.searchParams.get('code') as string;
    const tokens = await exchange(rp, signedIn);
    const service = await relyingParty(w.op.url, w.service);
    const cc = await oidc.clientCredentialsGrant(service, { resource: 'https://api.example.com' });
    for (const line of w.op.auditLines) t.true((line.event as string) in AUDIT_EVENTS, String(line.event));
    const everything = JSON.stringify([w.op.auditLines, w.op.logLines]);
    const secrets = {
      password: ADA.password,
      code,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token as string,
      idToken: tokens.id_token as string,
      clientCredentialsToken: cc.access_token,
      webSecret: w.web.client_secret as string,
      serviceSecret: w.service.client_secret as string,
    };
    for (const [name, secret] of Object.entries(secrets))
      t.false(everything.includes(secret), `${name} is not written`);
    t.false(everything.includes('not the password at all'), 'nor a wrong password');
  },
);
