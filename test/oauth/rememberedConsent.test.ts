// Consent is remembered beyond the browser session, on the embedded store and on Redis: a person
// who allowed a client some scopes is not asked again for the same or fewer, in another browser
// or after logging out; asking for more asks for what is new. An operator revoking the app's grant,
// or `user revoke`, forgets it, and the next sign-in asks again. offline_access works without
// prompt=consent: the consent page shows it as "Stay signed in to <app>", once.
import test, { type ExecutionContext } from 'ava';
import * as oidc from 'openid-client';
import { adminCaller } from '../admin/adminClient.js';
import { admin } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, asPage as page, textOf as text, UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_LOGOUT, WEB_REDIRECT, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

for (const store of STORES) {
  async function setUp(t: ExecutionContext) {
    const w = await worldOn(t, store, redis);
    const rp = await relyingParty(w.op.url, w.web);
    // A person's answer on the consent page (a remembered or first-party consent carries a reason).
    const consents = () =>
      w.op.auditLines.filter((line) => line.event === 'consent.granted' && line.reason === undefined).length;
    /** A sign-in in a fresh browser; whether the consent page was shown. */
    const signInAsked = async (scope: string, extra: Record<string, string> = {}) => {
      const before = consents();
      const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope, extra }));
      return { asked: consents() > before, tokens };
    };
    return { w, rp, signInAsked };
  }

  test(`${store}: allowed once, not asked again for the same or fewer, in another browser`, async (t) => {
    const { signInAsked } = await setUp(t);
    t.true((await signInAsked('openid email')).asked, 'the first time, consent');
    const again = await signInAsked('openid email');
    t.false(again.asked, 'another browser, the same scopes: no question');
    t.is(again.tokens.scope, 'openid email');
    t.false((await signInAsked('openid')).asked, 'fewer: no question');
    t.true((await signInAsked('openid email profile')).asked, 'more: asked for what is new');
    t.false((await signInAsked('openid profile')).asked);
  });

  test(`${store}: an operator revoking the app's grant, or user revoke, forgets the consent`, async (t) => {
    const { w, signInAsked } = await setUp(t);
    await signInAsked('openid email');
    const ops = await adminCaller(w.op, 'admin:read admin:write');
    const ada = (await w.op.store.accounts.findByEmail(ADA.email))?.accountId;
    const { grants } = (await ops.call('GET', `/users/${ada}/grants`)).body;
    t.is(grants.length, 1);
    t.is((await ops.call('DELETE', `/users/${ada}/grants/${grants[0].grantId}`)).status, 204);
    t.true((await signInAsked('openid email')).asked, 'asked again');

    t.false((await signInAsked('openid email')).asked);
    await admin(w.op.store, 'user', 'revoke', ADA.email);
    t.true((await signInAsked('openid email')).asked, 'signed out everywhere: asked again');
  });

  test(`${store}: offline_access without prompt=consent: asked once as "stay signed in", then remembered`, async (t) => {
    const { w, rp, signInAsked } = await setUp(t);
    const { agent, page: login } = await openLoginPage(rp, {
      redirect_uri: WEB_REDIRECT,
      scope: 'openid offline_access',
    });
    const consent = page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    t.regex(text(consent.html), /Stay signed in to Web &lt;App&gt;, even when you are away/);

    const first = await signInAsked('openid offline_access');
    t.true(first.asked);
    t.is(first.tokens.scope, 'openid offline_access', 'offline_access kept without prompt=consent');
    const second = await signInAsked('openid offline_access');
    t.false(second.asked, 'remembered');
    t.is(second.tokens.scope, 'openid offline_access');
    t.true(
      (await signInAsked('openid offline_access', { prompt: 'consent' })).asked,
      "the client's own prompt=consent asks",
    );
    t.true(w.op.auditLines.some((line) => line.event === 'consent.granted' && line.reason === 'remembered'));
  });

  test(`${store}: after logout the account page still lists the app; removing it there forgets the consent`, async (t) => {
    const { w, rp, signInAsked } = await setUp(t);
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid email' });
    const tokens = await exchange(rp, signedIn);
    const logout = oidc.buildEndSessionUrl(rp, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: WEB_LOGOUT,
    });
    const confirm = page(await signedIn.agent.navigate(logout.href));
    const done = await signedIn.agent.submit(confirm, '/session/end/confirm', { logout: 'yes' });
    t.false(isPage(done), 'back to the app');
    const ada = (await w.op.store.accounts.findByEmail(ADA.email))?.accountId ?? '';
    t.deepEqual(
      (await w.op.store.artifacts.listByAccountId('Grant', ada)).filter(
        ({ payload }) => payload.clientId === w.web.client_id,
      ),
      [],
      'logout revoked the grant',
    );

    const person = new UserAgent(new URL(w.op.url).origin);
    const login = page(await person.navigate(`${w.op.url}/account`));
    const account = page(await person.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    t.regex(text(account.html), /Apps with access Web &lt;App&gt; since .* See your email address/);
    const removed = page(await person.submit(account, `/account/apps/${encodeURIComponent(w.web.client_id)}/revoke`));
    t.regex(text(removed.html), /No app holds access to your account/);
    t.true((await signInAsked('openid email')).asked, 'asked again');
  });
}
