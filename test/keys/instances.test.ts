import { randomBytes } from 'node:crypto';
import test from 'ava';
import { decodeProtectedHeader } from 'jose';
import { admin, adminWith, type RegisteredClient } from '../helpers/admin.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/freePort.js';
import { postForm } from '../helpers/postForm.js';
import { startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { type RunningOstiary, startOstiary } from '../helpers/startOstiary.js';
import { API, WEB_REDIRECT, world } from '../helpers/world.js';

async function twoInstances(
  t: import('ava').ExecutionContext,
  settings: Record<string, string> = {},
  clock?: () => number,
) {
  const redis = await startRedisServer();
  const [portA, portB] = [await freePort(), await freePort()];
  // Instances of one deployment share the master secret that seals the keys in Redis.
  const OSTIARY_SECRET = randomBytes(32).toString('base64url');
  const shared = { REDIS_URL: redis.url, ISSUER: `http://localhost:${portA}`, OSTIARY_SECRET, ...settings };
  const options = clock ? { clock } : {};
  const a = await startOstiary({ ...shared, PORT: String(portA) }, options);
  const b = await startOstiary({ ...shared, PORT: String(portB) }, options);
  t.teardown(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  });
  await admin(a.store, 'resource', 'add', '--id', API, '--scope', 'read');
  const service = await admin<RegisteredClient>(
    a.store,
    'client',
    'add',
    '--name',
    'svc',
    '--grant',
    'client_credentials',
    '--resource',
    API,
  );
  return { a, b, service };
}

const at = (op: RunningOstiary) => `http://localhost:${(op.server.address() as { port: number }).port}`;
const kidFrom = async (op: RunningOstiary, service: RegisteredClient) => {
  const response = await postForm(at(op), '/token', { grant_type: 'client_credentials' }, service);
  return decodeProtectedHeader(((await response.json()) as { access_token: string }).access_token).kid;
};
const jwksKids = async (op: RunningOstiary) =>
  ((await (await fetch(`${at(op)}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

test('a rotation made through the CLI is served and used by both instances within 5 seconds', async (t) => {
  const { a, b, service } = await twoInstances(t);
  const { keys } = await adminWith(a.store, a.config, 'keys', 'rotate', '--alg', 'ES256');
  const kid = keys[0].kid as string;
  await adminWith(a.store, a.config, 'keys', 'promote', kid);
  const since = performance.now();
  for (const op of [a, b]) {
    await eventually(async () => (await kidFrom(op, service)) === kid && (await jwksKids(op)).includes(kid), 5000, {
      since,
    });
    t.is(await kidFrom(op, service), kid);
    t.true((await jwksKids(op)).includes(kid));
  }
  t.true(performance.now() - since < 5000, `${performance.now() - since} ms`);
});

test('KEY_ROTATION_INTERVAL rotates on schedule, and of two instances only one performs each transition', async (t) => {
  let now = Date.now();
  const { a, b } = await twoInstances(t, { KEY_ROTATION_INTERVAL: '3s', KEY_PROPAGATION: '2s' }, () => now);
  const before = await jwksKids(a);
  // Both instances race through 7 seconds of their clock, each running its maintenance round at
  // the same moments (every half second), through scheduled rotations and their activations.
  for (let step = 0; step < 14; step += 1) {
    now += 500;
    await Promise.all([a.keys.tick(), b.keys.tick()]);
  }
  const listed = await adminWith(a.store, a.config, 'keys', 'list');
  const es256 = listed.keys.filter((k: { alg: string }) => k.alg === 'ES256');
  const cookie = listed.keys.filter((k: { alg: string }) => k.alg === 'cookie');
  t.true(es256.length >= 2, 'a new ES256 key was made');
  t.is(es256.filter((k: { state: string }) => k.state === 'current').length, 1, 'one current key');
  // Each interval adds one key per algorithm, not one per instance: two instances racing would
  // create keys within the same 2-second tick; one writer spaces them by the interval (3 s).
  const created = es256
    .map((k: { createdAt: string }) => Date.parse(k.createdAt))
    .sort((x: number, y: number) => x - y);
  const gaps = created.slice(1).map((at: number, i: number) => at - (created[i] as number));
  t.true(
    gaps.every((gap: number) => gap >= 2900),
    `gaps between ES256 keys: ${gaps.join(', ')} ms`,
  );
  t.true(cookie.length >= 2, 'cookie secrets rotate on the same schedule');
  t.notDeepEqual(await jwksKids(b), before);
  // One more round each, the clock standing still: both read the ring the other may have just written.
  await Promise.all([a.keys.tick(), b.keys.tick()]);
  t.deepEqual((await jwksKids(a)).sort(), (await jwksKids(b)).sort(), 'both instances serve one key set');
});

test('a new cookie secret signs new sessions while sessions signed by the old one stay valid', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.firstParty);
  const first = await signIn(rp, { redirectUri: WEB_REDIRECT });
  await exchange(rp, first);
  const { keys } = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--cookie');
  await adminWith(w.op.store, w.op.config, 'keys', 'promote', keys[0].kid);
  await w.op.keys.tick();
  // The old session cookie still works: no login page this time.
  const again = await signIn(rp, { redirectUri: WEB_REDIRECT, agent: first.agent, password: 'wrong password' });
  t.truthy(again.callback.searchParams.get('code'));
  // A new browser logs in and gets a session under the new secret.
  const fresh = await signIn(rp, { redirectUri: WEB_REDIRECT });
  t.truthy((await exchange(rp, fresh)).id_token);
});
