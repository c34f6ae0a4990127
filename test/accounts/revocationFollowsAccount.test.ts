// Revocation follows the account, black-box on the embedded store and on Redis: after
// `user set-password`, `user remove`, `user revoke` and `user disable`, the refresh tokens and
// userinfo access tokens issued before are refused, introspect as inactive, and the browser's
// session no longer signs in silently (prompt=none gets login_required; a removed account's
// browser gets the login page, never an error).
import test, { type ExecutionContext } from 'ava';
import * as oidc from 'openid-client';
import { admin } from '../helpers/admin.js';
import { redisForFile, STORES, storeSettings } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { authorizationUrl, exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, type UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, type World, world } from '../helpers/world.js';

const redis = redisForFile(test);

const NEW_PASSWORD = 'a completely different passphrase';

/** Ada signed in with two clients in one browser: two grants, one session. */
async function signedInTwice(w: World) {
  const web = await relyingParty(w.op.url, w.web);
  const first = await signIn(web, { redirectUri: WEB_REDIRECT, scope: 'openid email' });
  const tokens = await exchange(web, first);
  const portal = await relyingParty(w.op.url, w.firstParty);
  const portalTokens = await exchange(portal, await signIn(portal, { redirectUri: WEB_REDIRECT, agent: first.agent }));
  return { web, agent: first.agent, tokens: [tokens, portalTokens] };
}

/** An authorization request of the web app, as a browser would follow it. */
const webAppRequest = async (w: World, extra: Record<string, string> = {}) =>
  authorizationUrl(await relyingParty(w.op.url, w.web), WEB_REDIRECT, extra);

/**
 * What a client sees of Ada's earlier tokens and session. Refreshing spends a refresh token, so it
 * comes last, and only when asked.
 */
async function whatStillWorks(
  w: World,
  agent: UserAgent,
  tokens: Awaited<ReturnType<typeof signedInTwice>>['tokens'],
  { refresh = true } = {},
) {
  const introspected = [];
  for (const token of [tokens[0]?.access_token, tokens[0]?.refresh_token]) {
    const response = await postForm(w.op.url, '/token/introspection', { token: token as string }, w.web);
    introspected.push(((await response.json()) as { active: boolean }).active);
  }
  const bearer = { authorization: `Bearer ${tokens[0]?.access_token}` };
  const userinfo = (await fetch(`${w.op.url}/me`, { headers: bearer })).status;
  const silent = await agent.navigate(await webAppRequest(w, { prompt: 'none' }));
  const silentAnswer = isPage(silent)
    ? `page ${silent.status}`
    : (new URL(silent.redirect).searchParams.get('error') ?? 'code');
  if (!refresh) return { introspected, userinfo, silent: silentAnswer };
  const refreshes = [];
  for (const [i, set] of tokens.entries()) {
    const body = { grant_type: 'refresh_token', refresh_token: set.refresh_token as string };
    refreshes.push((await postForm(w.op.url, '/token', body, i === 0 ? w.web : w.firstParty)).status);
  }
  return { introspected, userinfo, silent: silentAnswer, refreshes };
}

const REVOKED = { introspected: [false, false], userinfo: 401, silent: 'login_required', refreshes: [400, 400] };
const without = <T extends object>(value: T, key: keyof T) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));

async function setUp(t: ExecutionContext, store: 'embedded' | 'redis') {
  const settings = storeSettings(store, redis);
  const w = await world(settings);
  t.teardown(() => w.op.stop());
  const signed = await signedInTwice(w);
  t.deepEqual(await whatStillWorks(w, signed.agent, signed.tokens, { refresh: false }), {
    introspected: [true, true],
    userinfo: 200,
    silent: 'code',
  });
  return { w, ...signed };
}

for (const store of STORES) {
  test(`${store}: user set-password signs the account out everywhere, and the new password signs in`, async (t) => {
    const { w, agent, tokens } = await setUp(t, store);
    await admin(w.op.store, 'user', 'set-password', ADA.email, '--password', NEW_PASSWORD);
    t.deepEqual(await whatStillWorks(w, agent, tokens), REVOKED);
    const rp = await relyingParty(w.op.url, w.web);
    const fresh = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, password: NEW_PASSWORD }));
    t.is((await oidc.refreshTokenGrant(rp, fresh.refresh_token as string)).token_type, 'bearer');
  });

  test(`${store}: user revoke signs the account out everywhere; its password still works`, async (t) => {
    const { w, agent, tokens } = await setUp(t, store);
    await admin(w.op.store, 'user', 'revoke', ADA.email);
    t.deepEqual(await whatStillWorks(w, agent, tokens), REVOKED);
    const rp = await relyingParty(w.op.url, w.web);
    t.truthy((await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }))).access_token);
  });

  test(`${store}: user disable stops the account and its tokens; user enable lets it sign in again`, async (t) => {
    const { w, agent, tokens } = await setUp(t, store);
    await admin(w.op.store, 'user', 'disable', ADA.email);
    t.deepEqual(await whatStillWorks(w, agent, tokens), REVOKED);
    const rp = await relyingParty(w.op.url, w.web);
    const refused = await signIn(rp, { redirectUri: WEB_REDIRECT }).catch((error: Error) => error.message);
    t.regex(String(refused), /\(403\).*This account is disabled/);
    await admin(w.op.store, 'user', 'enable', ADA.email);
    t.truthy((await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }))).access_token);
  });

  test(`${store}: user remove revokes everything, and the browser gets the login page, never an error`, async (t) => {
    const { w, agent, tokens } = await setUp(t, store);
    await admin(w.op.store, 'user', 'remove', ADA.email);
    t.deepEqual(await whatStillWorks(w, agent, tokens), REVOKED);
    const page = await agent.navigate(await webAppRequest(w));
    if (!isPage(page)) return t.fail('expected the login page');
    t.is(page.status, 200);
    t.true(page.html.includes('/login"'));
  });

  test(`${store}: a disabled or removed account's tokens are refused even where the store still holds them`, async (t) => {
    // As if a token were written while the account changed: only the account record changes here.
    const { w, agent, tokens } = await setUp(t, store);
    const account = await w.op.store.accounts.findByEmail(ADA.email);
    await w.op.store.accounts.update(account?.accountId as string, { disabled: true });
    t.deepEqual(await whatStillWorks(w, agent, tokens, { refresh: false }), without(REVOKED, 'refreshes'));
    await w.op.store.accounts.remove(account?.accountId as string);
    t.deepEqual(await whatStillWorks(w, agent, tokens), REVOKED);
    const page = await agent.navigate(await webAppRequest(w));
    t.true(isPage(page) && page.status === 200 && page.html.includes('/login"'), 'its session gets the login page');
  });
}
