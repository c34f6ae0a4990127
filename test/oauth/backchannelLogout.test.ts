// OpenID Connect Back-Channel Logout 1.0, on the embedded store and on Redis: an app registered
// with --backchannel-logout-uri is told, server to server, when the person signs out at Ostiary
// (RP-initiated logout), is signed out by an operator (user revoke, user remove, the admin API's
// revocations) or takes the app's access away. A real HTTP receiver verifies each logout token
// against /jwks as an app would. Delivery never holds up the person's logout, is retried a bounded
// number of times, and a delivery that fails for good is audited and logged.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import test, { type ExecutionContext } from 'ava';
import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { adminCaller } from '../admin/adminClient.js';
import { admin, adminWith, type RegisteredClient } from '../helpers/admin.js';
import { eventually } from '../helpers/eventually.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, type UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_LOGOUT, WEB_REDIRECT, type World, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Retries come at once in these tests (the server waits seconds). */
const QUICK = { timeoutMs: 2000, retryDelaysMs: [10, 10] };

/** What the app's back-channel endpoint answers: a status, or never ('hang'). */
type Answer = number | 'hang';

interface Receiver {
  readonly url: string;
  /** Every logout token received, in order. */
  readonly tokens: string[];
  /** Answers for the next requests, in order; 200 once they run out. */
  readonly answers: Answer[];
  /** Lets every hanging request answer 200. */
  release(): void;
}

async function receiver(t: ExecutionContext): Promise<Receiver> {
  const tokens: string[] = [];
  const answers: Answer[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    t.is(req.method, 'POST');
    t.is(req.headers['content-type'], 'application/x-www-form-urlencoded');
    tokens.push(new URLSearchParams(body).get('logout_token') ?? '');
    const answer = answers.shift() ?? 200;
    if (answer === 'hang') hanging.push(res);
    else res.writeHead(answer).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/backchannel-logout`,
    tokens,
    answers,
    release: () => {
      for (const res of hanging.splice(0)) res.writeHead(200).end();
    },
  };
}

/** Verifies a logout token as an app must (OIDC Back-Channel Logout 2.6), against the provider's /jwks. */
async function verifyLogoutToken(w: World, token: string, client: RegisteredClient): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(`${w.op.url}/jwks`));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    issuer: w.op.url,
    audience: client.client_id,
    typ: 'logout+jwt',
    maxTokenAge: '2 minutes',
  });
  if (protectedHeader.alg !== (client.id_token_signed_response_alg ?? 'RS256')) throw new Error('wrong alg');
  if (!payload.events || !(LOGOUT_EVENT in (payload.events as object))) throw new Error('no logout event');
  if ('nonce' in payload) throw new Error('a logout token never carries a nonce');
  if (typeof payload.jti !== 'string') throw new Error('no jti');
  return payload;
}

/** Waits (at most 10 s) until the condition holds; the test fails if it never does. */
async function until(t: ExecutionContext, condition: () => boolean) {
  t.true((await eventually(async () => condition(), 10_000, { everyMs: 20 })).held);
}

async function appWithBackchannel(w: World, uri: string, ...flags: string[]) {
  return admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Told App', '--redirect-uri', WEB_REDIRECT],
    ...['--post-logout-redirect-uri', WEB_LOGOUT, '--backchannel-logout-uri', uri, ...flags],
  );
}

async function signedIn(w: World, client: RegisteredClient, agent?: UserAgent) {
  const rp = await relyingParty(w.op.url, client);
  const login = await signIn(rp, { redirectUri: WEB_REDIRECT, ...(agent ? { agent } : {}) });
  const tokens = await exchange(rp, login);
  return { rp, agent: login.agent, tokens, claims: tokens.claims() as oidc.IDToken };
}

async function logOut(rp: oidc.Configuration, agent: UserAgent, idToken: string, everywhere = true) {
  const url = oidc.buildEndSessionUrl(rp, { id_token_hint: idToken, post_logout_redirect_uri: WEB_LOGOUT });
  const confirm = await agent.navigate(url.href);
  if (!isPage(confirm)) throw new Error('expected the logout confirmation page');
  return agent.submit(confirm, '/session/end/confirm', everywhere ? { logout: 'yes' } : {});
}

for (const store of STORES) {
  const setUp = (t: ExecutionContext) => worldOn(t, store, redis, {}, { logoutDelivery: QUICK });

  test(`[${store}] logging out tells every app of the session that asked, by sid when it requires one`, async (t) => {
    const w = await setUp(t);
    const bySid = await receiver(t);
    const bySub = await receiver(t);
    const sidApp = await appWithBackchannel(w, bySid.url, '--backchannel-logout-session-required');
    const subApp = await appWithBackchannel(w, bySub.url);
    t.is(sidApp.backchannel_logout_uri, bySid.url);
    t.true(sidApp.backchannel_logout_session_required);

    const first = await signedIn(w, sidApp);
    const second = await signedIn(w, subApp, first.agent);
    const untold = await signedIn(w, w.web, first.agent); // no URI: nothing to tell
    t.is(typeof first.claims.sid, 'string', 'an app that requires sid finds it in its ID token');
    t.is(second.claims.sid, undefined);
    t.truthy(untold.tokens.id_token);

    const done = await logOut(first.rp, first.agent, first.tokens.id_token as string);
    t.false(isPage(done));
    await until(t, () => bySid.tokens.length === 1 && bySub.tokens.length === 1);
    const sidToken = await verifyLogoutToken(w, bySid.tokens[0] as string, sidApp);
    t.is(sidToken.sid, first.claims.sid);
    t.is(sidToken.sub, first.claims.sub);
    const subToken = await verifyLogoutToken(w, bySub.tokens[0] as string, subApp);
    t.is(subToken.sub, second.claims.sub);
    t.false('sid' in subToken, 'an app that knows no sid hears of the person');
    const told = w.op.auditLines.filter((line) => line.event === 'logout.backchannel');
    t.deepEqual(
      told.map((line) => `${line.outcome} ${line.clientId}`).sort(),
      [`success ${sidApp.client_id}`, `success ${subApp.client_id}`].sort(),
    );
  });

  test(`[${store}] "sign out of this app only" tells that app alone`, async (t) => {
    const w = await setUp(t);
    const one = await receiver(t);
    const other = await receiver(t);
    const app = await appWithBackchannel(w, one.url, '--backchannel-logout-session-required');
    const otherApp = await appWithBackchannel(w, other.url);
    const first = await signedIn(w, app);
    await signedIn(w, otherApp, first.agent);
    await logOut(first.rp, first.agent, first.tokens.id_token as string, false);
    await until(t, () => one.tokens.length === 1);
    t.is((await verifyLogoutToken(w, one.tokens[0] as string, app)).sid, first.claims.sid);
    t.is(other.tokens.length, 0);
  });

  test(`[${store}] the person's logout does not wait for a slow app, and a failing one is retried`, async (t) => {
    const w = await setUp(t);
    const slow = await receiver(t);
    const flaky = await receiver(t);
    slow.answers.push('hang');
    flaky.answers.push(503, 500); // the third attempt gets 200
    const slowApp = await appWithBackchannel(w, slow.url);
    const flakyApp = await appWithBackchannel(w, flaky.url);
    const first = await signedIn(w, slowApp);
    await signedIn(w, flakyApp, first.agent);

    const done = await logOut(first.rp, first.agent, first.tokens.id_token as string);
    t.false(isPage(done), 'the logout answered');
    await until(t, () => slow.tokens.length === 1);
    t.false(
      w.op.auditLines.some((line) => line.event === 'logout.backchannel' && line.clientId === slowApp.client_id),
      'while the slow app has not answered yet',
    );
    slow.release();
    await until(t, () => flaky.tokens.length === 3);
    // Each attempt is a token of its own.
    t.is(new Set(flaky.tokens.map((token) => decodeJwt(token).jti)).size, 3);
    await until(t, () =>
      w.op.auditLines.some((line) => line.event === 'logout.backchannel' && line.clientId === flakyApp.client_id),
    );
    const flakyLine = w.op.auditLines.find(
      (line) => line.event === 'logout.backchannel' && line.clientId === flakyApp.client_id,
    );
    t.like(flakyLine, { outcome: 'success', details: { attempts: 3 } });
  });

  test(`[${store}] a delivery that keeps failing ends after its last retry, audited and logged`, async (t) => {
    const w = await setUp(t);
    const broken = await receiver(t);
    broken.answers.push(500, 500, 500, 500);
    const app = await appWithBackchannel(w, broken.url);
    const first = await signedIn(w, app);
    await logOut(first.rp, first.agent, first.tokens.id_token as string);
    await until(t, () =>
      w.op.auditLines.some((line) => line.event === 'logout.backchannel' && line.outcome === 'failure'),
    );
    t.is(broken.tokens.length, 3, 'the first attempt and two retries, no more');
    t.like(
      w.op.auditLines.find((line) => line.event === 'logout.backchannel'),
      { outcome: 'failure', reason: 'status_500', clientId: app.client_id, details: { attempts: 3 } },
    );
    const logged = w.op.logLines.find((line) => String(line.msg).includes('back-channel logout was not delivered'));
    t.like(logged, { level: 40, clientId: app.client_id, reason: 'status_500' });
    t.false(JSON.stringify(w.op.logLines).includes(broken.tokens[0] as string), 'the token is not logged');
  });

  test(`[${store}] an app that refuses the token (a 4xx) is not asked again`, async (t) => {
    const w = await setUp(t);
    const refusing = await receiver(t);
    refusing.answers.push(400, 400, 400);
    const app = await appWithBackchannel(w, refusing.url);
    const first = await signedIn(w, app);
    await logOut(first.rp, first.agent, first.tokens.id_token as string);
    await until(t, () => w.op.auditLines.some((line) => line.event === 'logout.backchannel'));
    t.like(
      w.op.auditLines.find((line) => line.event === 'logout.backchannel'),
      { outcome: 'failure', reason: 'status_400', details: { attempts: 1 } },
    );
    t.is(refusing.tokens.length, 1);
  });

  test(`[${store}] revoking a grant no session holds (offline access kept through logout) tells the app`, async (t) => {
    const w = await worldOn(t, store, redis, { LOGOUT_KEEPS_OFFLINE_ACCESS: 'true' }, { logoutDelivery: QUICK });
    const told = await receiver(t);
    const app = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Offline App', '--redirect-uri', WEB_REDIRECT, '--post-logout-redirect-uri'],
      ...[WEB_LOGOUT, '--backchannel-logout-uri', told.url, '--scope', 'openid offline_access'],
    );
    const rp = await relyingParty(w.op.url, app);
    const login = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid offline_access' });
    const tokens = await exchange(rp, login);
    await logOut(rp, login.agent, tokens.id_token as string);
    await until(t, () => told.tokens.length === 1); // the logout itself
    const ops = await adminCaller(w.op, 'admin:read admin:write');
    const accountId = (tokens.claims() as oidc.IDToken).sub;
    const { grants } = (await ops.call('GET', `/users/${accountId}/grants`)).body;
    t.is(grants.length, 1, 'the offline grant outlived the session');
    t.is((await ops.call('DELETE', `/users/${accountId}/grants/${grants[0].grantId}`)).status, 204);
    await until(t, () => told.tokens.length === 2);
    t.is((await verifyLogoutToken(w, told.tokens[1] as string, app)).sub, accountId);
  });

  test(`[${store}] user revoke and user remove tell every app the account signed in to`, async (t) => {
    const w = await setUp(t);
    const bySid = await receiver(t);
    const bySub = await receiver(t);
    const sidApp = await appWithBackchannel(w, bySid.url, '--backchannel-logout-session-required');
    const subApp = await appWithBackchannel(w, bySub.url);
    // Two browsers signed in to the sid app; one of them to the other app as well.
    const first = await signedIn(w, sidApp);
    const second = await signedIn(w, sidApp);
    await signedIn(w, subApp, first.agent);

    await adminWith(w.op.store, w.op.config, 'user', 'revoke', ADA.email); // waits for its deliveries, as the CLI does
    t.is(bySid.tokens.length, 2, 'one per session, by sid');
    const sids = await Promise.all(bySid.tokens.map((token) => verifyLogoutToken(w, token, sidApp)));
    t.deepEqual(sids.map((payload) => payload.sid).sort(), [first.claims.sid, second.claims.sid].sort());
    t.is(bySub.tokens.length, 1, 'once, by sub');
    t.is((await verifyLogoutToken(w, bySub.tokens[0] as string, subApp)).sub, first.claims.sub);

    // Signed in again, then removed: told again.
    await signedIn(w, subApp);
    await adminWith(w.op.store, w.op.config, 'user', 'remove', ADA.email);
    t.is(bySub.tokens.length, 2);
    t.is((await verifyLogoutToken(w, bySub.tokens[1] as string, subApp)).sub, first.claims.sub);
  });

  test(`[${store}] the admin API's revocations tell the app: a session, a grant, the account`, async (t) => {
    const w = await setUp(t);
    const told = await receiver(t);
    const app = await appWithBackchannel(w, told.url, '--backchannel-logout-session-required');
    const ops = await adminCaller(w.op, 'admin:read admin:write');
    const first = await signedIn(w, app);
    const accountId = first.claims.sub;

    const { sessions } = (await ops.call('GET', `/users/${accountId}/sessions`)).body;
    t.is(sessions.length, 1);
    t.is((await ops.call('DELETE', `/users/${accountId}/sessions/${sessions[0].sessionId}`)).status, 204);
    await until(t, () => told.tokens.length === 1);
    t.is((await verifyLogoutToken(w, told.tokens[0] as string, app)).sid, first.claims.sid);

    const second = await signedIn(w, app);
    const { grants } = (await ops.call('GET', `/users/${accountId}/grants`)).body;
    t.is(grants.length, 1);
    t.is((await ops.call('DELETE', `/users/${accountId}/grants/${grants[0].grantId}`)).status, 204);
    await until(t, () => told.tokens.length === 2);
    t.is((await verifyLogoutToken(w, told.tokens[1] as string, app)).sid, second.claims.sid);

    // The second browser's session outlived its grant; the account's revocation ends it and the third.
    const third = await signedIn(w, app);
    t.is((await ops.call('POST', `/users/${accountId}/revoke`)).status, 204);
    await until(t, () => told.tokens.length === 4);
    const last = await Promise.all(told.tokens.slice(2).map((each) => verifyLogoutToken(w, each, app)));
    t.deepEqual(last.map((payload) => payload.sid).sort(), [second.claims.sid, third.claims.sid].sort());
  });
}

test('a back-channel logout URI is checked like a redirect URI and needs an app that signs people in', async (t) => {
  const w = await worldOn(t, 'embedded', redis);
  const refused = (...args: string[]) => t.throwsAsync(admin(w.op.store, 'client', 'add', '--name', 'X', ...args));
  t.regex(
    (await refused('--redirect-uri', WEB_REDIRECT, '--backchannel-logout-uri', 'not a url')).message,
    /--backchannel-logout-uri/,
  );
  t.regex(
    (await refused('--redirect-uri', WEB_REDIRECT, '--backchannel-logout-uri', 'https://app.example.com/bc#x')).message,
    /fragment/,
  );
  t.regex(
    (await refused('--grant', 'client_credentials', '--backchannel-logout-uri', 'https://app.example.com/bc')).message,
    /signs people in/,
  );
  t.regex(
    (await refused('--redirect-uri', WEB_REDIRECT, '--backchannel-logout-session-required')).message,
    /needs a back-channel logout URI/,
  );
  const app = await admin(
    w.op.store,
    ...[
      'client',
      'add',
      '--name',
      'Y',
      '--redirect-uri',
      WEB_REDIRECT,
      '--backchannel-logout-uri',
      'https://app.example.com/bc',
    ],
  );
  const updated = await admin(w.op.store, 'client', 'update', app.client_id, '--no-backchannel-logout-uri');
  t.false('backchannel_logout_uri' in updated);
});
