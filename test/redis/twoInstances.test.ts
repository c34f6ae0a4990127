import { randomBytes } from 'node:crypto';
import test from 'ava';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/freePort.js';
import { postForm } from '../helpers/postForm.js';
import { type RedisServer, redisCli, startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { type RunningOstiary, startOstiary } from '../helpers/startOstiary.js';
import { isPage, UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT } from '../helpers/world.js';

let redis: RedisServer;
let a: RunningOstiary;
let b: RunningOstiary;
let web: RegisteredClient;

test.before(async () => {
  redis = await startRedisServer();
  // Two instances behind one name: same REDIS_URL and ISSUER, different ports, started together
  // on an empty Redis (both race to generate keys).
  const [portA, portB] = [await freePort(), await freePort()];
  // Instances of one deployment share the master secret that seals the keys in Redis.
  const shared = {
    REDIS_URL: redis.url,
    ISSUER: `http://localhost:${portA}`,
    OSTIARY_SECRET: randomBytes(32).toString('base64url'),
  };
  [a, b] = await Promise.all([
    startOstiary({ ...shared, PORT: String(portA) }),
    startOstiary({ ...shared, PORT: String(portB) }),
  ]);
  await admin(a.store, 'user', 'add', '--email', ADA.email, '--password', ADA.password);
  web = await admin<RegisteredClient>(b.store, 'client', 'add', '--name', 'Web', '--redirect-uri', WEB_REDIRECT);
});
test.after.always(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

const portOf = (op: RunningOstiary) => op.server.address() as { port: number };
const at = (op: RunningOstiary, path: string) => `http://localhost:${portOf(op).port}${path}`;

test('instances started at once on an empty Redis publish one and the same JWKS', async (t) => {
  const [jwksA, jwksB] = await Promise.all([
    fetch(at(a, '/jwks')).then((r) => r.json()),
    fetch(at(b, '/jwks')).then((r) => r.json()),
  ]);
  t.deepEqual(jwksA, jwksB);
  t.is((jwksA as { keys: unknown[] }).keys.length, 2, 'RS256 and ES256');
});

test("a browser can log in at one instance and consent at the other, and either redeems the other's codes and refresh tokens", async (t) => {
  // An app of its own: consent is remembered on the shared store, and another test may have given it.
  const app = await admin<RegisteredClient>(
    b.store,
    'client',
    'add',
    '--name',
    'Split',
    '--redirect-uri',
    WEB_REDIRECT,
  );
  const rp = await relyingParty(a.url, app);
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: WEB_REDIRECT,
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 's',
  });
  // One browser; its forms are posted to instance B while the issuer's redirects lead to A.
  const agent = new UserAgent(`http://localhost:${portOf(a).port}`);
  const toB = <P extends { url: string }>(page: P): P => ({
    ...page,
    url: page.url.replace(`:${portOf(a).port}`, `:${portOf(b).port}`),
  });
  const loginPage = await agent.navigate(url.href);
  if (!isPage(loginPage)) return t.fail('expected the login page from A');
  const consent = await agent.submit(toB(loginPage), '/login', { email: ADA.email, password: ADA.password });
  if (!isPage(consent)) return t.fail('expected the consent page');
  t.true(consent.html.includes('/confirm'));
  const done = await agent.submit(toB(consent), '/confirm');
  if (isPage(done)) return t.fail('expected the redirect to the client');
  const callback = new URL(done.redirect);

  const code = callback.searchParams.get('code') as string;
  const redeemedAtA = await postForm(
    at(a, ''),
    '/token',
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: WEB_REDIRECT,
      code_verifier: verifier,
    },
    app,
  );
  t.is(redeemedAtA.status, 200);
  const { refresh_token } = (await redeemedAtA.json()) as { refresh_token: string };

  const rotatedAtB = await postForm(at(b, ''), '/token', { grant_type: 'refresh_token', refresh_token }, app);
  t.is(rotatedAtB.status, 200);
  const reuseAtA = await postForm(at(a, ''), '/token', { grant_type: 'refresh_token', refresh_token }, app);
  t.is(reuseAtA.status, 400, 'the rotation at B is seen at A at once');
});

test('a code redeemed at one instance cannot be redeemed again at the other', async (t) => {
  const rp = await relyingParty(a.url, web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  await exchange(rp, signedIn);
  const replay = await postForm(
    at(b, ''),
    '/token',
    {
      grant_type: 'authorization_code',
      code: signedIn.callback.searchParams.get('code') as string,
      redirect_uri: WEB_REDIRECT,
      code_verifier: signedIn.verifier,
    },
    web,
  );
  t.is(replay.status, 400);
});

test.serial(
  'client credentials read the client and its API from Redis about once a second, not per token',
  async (t) => {
    await admin(a.store, 'resource', 'add', '--id', 'https://cached.example', '--scope', 'read');
    const service = await admin<RegisteredClient>(
      ...[a.store, 'client', 'add', '--name', 'cached svc', '--grant', 'client_credentials'],
      ...['--resource', 'https://cached.example'],
    );
    const hgets = async () =>
      Number(/cmdstat_hget:calls=(\d+)/.exec(await redisCli(redis.port, 'info', 'commandstats'))?.[1] ?? 0);
    const before = await hgets();
    const started = performance.now();
    for (let i = 0; i < 40; i += 1) {
      const response = await postForm(at(b, ''), '/token', { grant_type: 'client_credentials' }, service);
      await response.text();
      t.is(response.status, 200);
    }
    const seconds = (performance.now() - started) / 1000;
    // Two reads (the client, its API) per second or part of one; without the cache it would be 80.
    t.true(
      (await hgets()) - before <= 2 * (Math.ceil(seconds) + 1),
      `${(await hgets()) - before} HGETs in ${seconds} s`,
    );
  },
);

test('a client removed through one instance is refused there at once and by the other within about a second', async (t) => {
  await admin(a.store, 'resource', 'add', '--id', 'https://removed.example', '--scope', 'read');
  const service = await admin<RegisteredClient>(
    ...[a.store, 'client', 'add', '--name', 'doomed svc', '--grant', 'client_credentials'],
    ...['--resource', 'https://removed.example'],
  );
  const token = async (op: RunningOstiary) => {
    const response = await postForm(at(op, ''), '/token', { grant_type: 'client_credentials' }, service);
    return { status: response.status, body: (await response.json()) as { error?: string } };
  };
  t.is((await token(a)).status, 200);
  t.is((await token(b)).status, 200); // b now holds the client in its cache
  await admin(a.store, 'client', 'remove', service.client_id);
  t.like(await token(a), { status: 401, body: { error: 'invalid_client' } });
  const since = performance.now();
  const { held, ms } = await eventually(async () => (await token(b)).status === 401, 3000, { everyMs: 50, since });
  t.true(held, 'the other instance still issues tokens to the removed client');
  t.true(ms < 1500, `refused by the other instance after ${ms.toFixed(0)} ms`);
});
