import test from 'ava';
import * as oidc from 'openid-client';
import { postForm } from '../helpers/postForm.js';
import { authorizationUrl, exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, type UserAgent } from '../helpers/UserAgent.js';
import { WEB_LOGOUT, WEB_REDIRECT, type World, world } from '../helpers/world.js';

async function logOut(w: World, agent: UserAgent, idToken: string) {
  const rp = await relyingParty(w.op.url, w.web);
  const url = oidc.buildEndSessionUrl(rp, {
    id_token_hint: idToken,
    post_logout_redirect_uri: WEB_LOGOUT,
    state: 's1',
  });
  const confirm = await agent.navigate(url.href);
  if (!isPage(confirm)) throw new Error('expected the logout confirmation page');
  return { confirm, done: await agent.submit(confirm, '/session/end/confirm', { logout: 'yes' }) };
}

async function refreshStatus(w: World, refreshToken: string, client = w.web) {
  const response = await postForm(
    w.op.url,
    '/token',
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    client,
  );
  await response.body?.cancel();
  return response.status;
}

test('logout asks for confirmation, ends the session and revokes every refresh token it handed out', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const plain = await signIn(rp, { redirectUri: WEB_REDIRECT });
  const plainTokens = await exchange(rp, plain);
  // Same browser, a second sign-in with offline_access (the session is reused).
  const offline = await signIn(rp, {
    redirectUri: WEB_REDIRECT,
    scope: 'openid offline_access',
    agent: plain.agent,
    extra: { prompt: 'consent' },
  });
  const offlineTokens = await exchange(rp, offline);

  const { confirm, done } = await logOut(w, plain.agent, plainTokens.id_token as string);
  t.true(confirm.html.includes('Sign out?'));
  t.regex(confirm.html, /name="logout" value="yes"/);
  if (isPage(done)) return t.fail('expected a redirect to the post-logout URI');
  t.is(done.redirect, `${WEB_LOGOUT}?state=s1`);

  t.is(await refreshStatus(w, plainTokens.refresh_token as string), 400);
  t.is(await refreshStatus(w, offlineTokens.refresh_token as string), 400, 'offline_access ones too, by default');

  // The session is gone: a new authorization request shows the login page again.
  const again = await plain.agent.navigate(await authorizationUrl(rp, WEB_REDIRECT));
  t.true(isPage(again) && again.html.includes('Sign in'));
});

test('with LOGOUT_KEEPS_OFFLINE_ACCESS, logout spares offline_access refresh tokens only', async (t) => {
  const w = await world({ LOGOUT_KEEPS_OFFLINE_ACCESS: 'true' });
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const offline = await signIn(rp, {
    redirectUri: WEB_REDIRECT,
    scope: 'openid offline_access',
    extra: { prompt: 'consent' },
  });
  const offlineTokens = await exchange(rp, offline);
  const fp = await relyingParty(w.op.url, w.firstParty);
  const plain = await signIn(fp, { redirectUri: WEB_REDIRECT, agent: offline.agent });
  const plainTokens = await exchange(fp, plain);

  await logOut(w, offline.agent, offlineTokens.id_token as string);
  t.is(await refreshStatus(w, offlineTokens.refresh_token as string), 200);
  t.is(await refreshStatus(w, plainTokens.refresh_token as string, w.firstParty), 400);
});

test('"Sign out of the app only" revokes that app’s grant, and the session and the other apps stay', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const portal = await relyingParty(w.op.url, w.firstParty);
  const web = await signIn(rp, { redirectUri: WEB_REDIRECT });
  const webTokens = await exchange(rp, web);
  const portalTokens = await exchange(portal, await signIn(portal, { redirectUri: WEB_REDIRECT, agent: web.agent }));

  const url = oidc.buildEndSessionUrl(rp, {
    id_token_hint: webTokens.id_token as string,
    post_logout_redirect_uri: WEB_LOGOUT,
  });
  const confirm = await web.agent.navigate(url.href);
  if (!isPage(confirm)) return t.fail('expected the logout confirmation page');
  t.regex(confirm.html, /Sign out of Web &lt;App&gt; only/);
  const done = await web.agent.submit(confirm, '/session/end/confirm'); // the second button: no logout=yes
  t.false(isPage(done));

  t.is(await refreshStatus(w, webTokens.refresh_token as string), 400, 'the app is signed out');
  t.is(await refreshStatus(w, portalTokens.refresh_token as string, w.firstParty), 200, 'the other app is not');
  const silent = await web.agent.navigate(await authorizationUrl(portal, WEB_REDIRECT, { prompt: 'none' }));
  t.false(isPage(silent), 'the session here is still signed in');
  if (!isPage(silent)) t.is(new URL(silent.redirect).searchParams.get('error'), null);
  t.like(
    w.op.auditLines.find((line) => line.event === 'logout'),
    { outcome: 'success', reason: 'client_only' },
  );
});
