// The storage contract against one real redis-server (a unique key prefix per store), plus what
// only Redis can get wrong: keys without a TTL, keys outside the prefix, and outages.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { Redis } from 'ioredis';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { createRedisStore } from '../../src/store/redis/createRedisStore.js';
import { createRedisStoreFromUrl } from '../../src/store/redis/createRedisStoreFromUrl.js';
import { redisClientOptions } from '../../src/store/redis/redisClientOptions.js';
import { whenReady } from '../../src/store/redis/whenReady.js';
import type { Account, Store } from '../../src/store/Store.js';
import { freePort } from '../helpers/freePort.js';
import { type RedisServer, redisCli, startRedisServer } from '../helpers/redisServer.js';
import { storeContract } from './contract.js';

const RECOVERY_MS = 2000; // the promise: failures surface, and service resumes, within 2 s
const accountFixture: Account = {
  accountId: 'a1',
  email: 'a@example.com',
  emailVerified: false,
  name: undefined,
  passwordHash: '$argon2id$x',
  createdAt: 1,
  disabled: false,
  revokedAt: undefined,
};

let server: RedisServer;
test.before(async () => {
  server = await startRedisServer();
});
test.after.always(async () => {
  await server?.stop();
});

storeContract('redis', async () => {
  const prefix = `test-${randomUUID()}:`;
  const store = await createRedisStoreFromUrl(server.url, prefix);
  return { store, twin: () => createRedisStoreFromUrl(server.url, prefix), cleanup: () => store.close() };
});

/** Whether `fn` settles within `ms`, and how. */
async function within<T>(ms: number, fn: () => Promise<T>) {
  const started = Date.now();
  const result = await fn().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const elapsed = Date.now() - started;
  return { ...result, elapsed, inTime: elapsed <= ms };
}

/** Keys that must never expire, as documented in src/store/redis/keys.ts. */
const PERMANENT = [/^\{accounts\}:account:/, /^\{accounts\}:email$/, /^clients$/, /^resources$/, /^setting:/];

/** Resolves once the store answers a ping again, polling every 50 ms. */
async function pingAnswers(store: Store): Promise<void> {
  while (
    !(await store.ping().then(
      () => true,
      () => false,
    ))
  ) {
    await sleep(50);
  }
}

test('redis: every key starts with the prefix and carries a TTL unless it is a documented record', async (t) => {
  const own = await startRedisServer(); // alone on it, so every key in the database is ours
  t.teardown(() => own.stop());
  const prefix = 'audit:';
  const store = await createRedisStoreFromUrl(own.url, prefix);
  t.teardown(() => store.close());
  const { artifacts } = store;
  for (const [i, model] of ['Grant', 'AuthorizationCode', 'AccessToken', 'RefreshToken'].entries()) {
    await artifacts.upsert(model, `id-${i}`, { grantId: 'g1', uid: `uid-${i}` }, 60 * (i + 1));
    await artifacts.upsert(model, `other-${i}`, { grantId: 'g2' }, 60);
  }
  await artifacts.upsert('DeviceCode', 'dc', { userCode: 'ABCD-EFGH', grantId: 'g3' }, 60);
  await artifacts.upsert('Session', 'sess', { uid: 'session-uid', accountId: 'a1' }, 60);
  await artifacts.upsert('Grant', 'grant-a1', { accountId: 'a1' }, 600);
  await artifacts.consume('RefreshToken', 'id-3');
  await artifacts.consume('RefreshToken', 'missing');
  await artifacts.destroy('AccessToken', 'other-2');
  await artifacts.revokeByGrantId('g2');
  await store.accounts.create(accountFixture);
  await store.clients.put({ client_id: 'c1' });
  await store.resources.put({ id: 'https://api.example', scope: 'read', accessTokenTtl: undefined, createdAt: 1 });
  await store.settings.initialize('cookie-keys', ['k']);
  await store.limits.count('per-address', 60_000, Date.now());
  await store.limits.attempt('per-account', { limit: 1, windowMs: 60_000, locksMs: [1000] }, Date.now());

  const redis = new Redis(own.url);
  t.teardown(() => redis.quit());
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 100);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');

  t.true(keys.length >= 15, `saw ${keys.length} keys`);
  for (const key of keys) {
    t.true(key.startsWith(prefix), `${key} starts with the prefix`);
    const ttl = await redis.pttl(key);
    const permanent = PERMANENT.some((family) => family.test(key.slice(prefix.length)));
    t.true(permanent ? ttl === -1 : ttl > 0, `${key}: PTTL ${ttl}`);
  }
  // The grant index lives at least as long as its longest member (4 minutes here).
  t.true((await redis.pttl(`${prefix}grant:g1`)) > 239_000);
  t.is(await redis.exists(`${prefix}grant:g2`), 0, 'a revoked grant index is deleted');
  // The account index lives as long as its longest member (the grant's 10 minutes).
  t.true((await redis.pttl(`${prefix}account-artifacts:a1`)) > 599_000);
});

test('redis: the grant index keeps the longest TTL whatever order its members arrive in', async (t) => {
  const prefix = `test-${randomUUID()}:`;
  const store = await createRedisStoreFromUrl(server.url, prefix);
  t.teardown(() => store.close());
  const redis = new Redis(server.url);
  t.teardown(() => redis.quit());
  await store.artifacts.upsert('RefreshToken', 'long', { grantId: 'g' }, 3600);
  await store.artifacts.upsert('AccessToken', 'short', { grantId: 'g' }, 60);
  t.true((await redis.pttl(`${prefix}grant:g`)) > 3_599_000);
  await Promise.all(
    [10, 7200, 30, 5].map((ttl, i) => store.artifacts.upsert('AccessToken', `p${i}`, { grantId: 'g2' }, ttl)),
  );
  t.true((await redis.pttl(`${prefix}grant:g2`)) > 7_199_000);
});

test('redis: on one node an artifact and its indexes are written in one round trip, one script', async (t) => {
  // A server of its own: INFO commandstats counts every client's commands.
  const own = await startRedisServer();
  t.teardown(() => own.stop());
  const store = await createRedisStoreFromUrl(own.url, 'one-trip:');
  t.teardown(() => store.close());
  await store.artifacts.upsert('Session', 'warm', { uid: 'u0', accountId: 'a' }, 60); // loads the script
  const counts = async () =>
    Object.fromEntries(
      [...(await redisCli(own.port, 'info', 'commandstats')).matchAll(/cmdstat_(\w+):calls=(\d+)/g)].map(
        ([, name, calls]) => [name, Number(calls)],
      ),
    ) as Record<string, number>;
  const before = await counts();
  await store.artifacts.upsert('RefreshToken', 'rt', { grantId: 'g', accountId: 'a' }, 60);
  await store.artifacts.upsert('Session', 's', { uid: 'u', accountId: 'a' }, 60);
  const after = await counts();
  const sent = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  t.is(sent('evalsha'), 2, 'one script per upsert');
  // Commands a script runs are counted too (SADD, HSET, SET...); these only come from outside one.
  for (const name of ['multi', 'exec', 'sismember']) t.is(sent(name), 0, name);
  t.truthy(await store.artifacts.find('RefreshToken', 'rt'));
  t.truthy(await store.artifacts.findByUid('Session', 'u'));
  await store.artifacts.revokeByGrantId('g');
  t.is(await store.artifacts.find('RefreshToken', 'rt'), undefined, 'indexed under its grant');
  await store.artifacts.revokeByAccountId('a');
  t.is(await store.artifacts.findByUid('Session', 'u'), undefined, 'indexed under its account');
});

test('redis: an upsert whose artifact write lands after a concurrent revoke does not outlive the grant', async (t) => {
  // The race, made deterministic: instance A indexes its artifact (step 1), instance B revokes the
  // grant, and only then does A's artifact write (step 2, a MULTI) reach Redis. The steps are a
  // Cluster's (on one node one script writes all at once): A's client says it is one.
  const prefix = `test-${randomUUID()}:`;
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => {
    openGate = resolve;
  });
  const client = new Redis(server.url, redisClientOptions);
  await whenReady(client, 2000);
  const slowWrites = new Proxy(client, {
    get(target, property) {
      if (property === 'isCluster') return true;
      if (property === 'multi') {
        return () => {
          const transaction = target.multi();
          const exec = transaction.exec.bind(transaction);
          transaction.exec = async () => {
            await gate;
            return exec();
          };
          return transaction;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const a = createRedisStore(slowWrites, prefix);
  const b = await createRedisStoreFromUrl(server.url, prefix);
  t.teardown(() => Promise.all([a.close(), b.close()]));
  const redis = new Redis(server.url);
  t.teardown(() => redis.quit());
  const index = `${prefix}grant:g`;
  const key = `${prefix}artifact:RefreshToken:rt`;

  const upsert = a.artifacts.upsert('RefreshToken', 'rt', { grantId: 'g' }, 60);
  while (!(await redis.sismember(index, key))) await sleep(5); // step 1 done, step 2 held
  await b.artifacts.revokeByGrantId('g');
  openGate();
  await upsert;

  t.is(await b.artifacts.find('RefreshToken', 'rt'), undefined);
  t.is(await redis.exists(key), 0);
});

test('redis: a reply that reveals a bug is not disguised as StoreUnavailableError', async (t) => {
  const prefix = `test-${randomUUID()}:`;
  const store = await createRedisStoreFromUrl(server.url, prefix);
  t.teardown(() => store.close());
  const redis = new Redis(server.url);
  t.teardown(() => redis.quit());
  await redis.set(`${prefix}clients`, 'not a hash');
  const error = await t.throwsAsync(store.clients.list());
  t.false(error instanceof StoreUnavailableError);
  t.regex(error?.message ?? '', /WRONGTYPE/);
});

test('redis: with the server killed, calls reject with StoreUnavailableError within 2 s and recover within 2 s of its restart', async (t) => {
  const own = await startRedisServer();
  t.teardown(() => own.stop());
  const store = await createRedisStoreFromUrl(own.url, 'outage:');
  t.teardown(() => store.close());
  await store.ping();

  const closedWhileDown = await createRedisStoreFromUrl(own.url, 'outage:');
  await own.kill();
  const down = await within(RECOVERY_MS, () => store.ping());
  t.false(down.ok);
  t.true(!down.ok && down.error instanceof StoreUnavailableError, String(!down.ok && down.error));
  t.true(down.inTime, `ping failed after ${down.elapsed} ms`);
  t.log(`ping failed ${down.elapsed} ms after the kill`);
  await t.throwsAsync(store.artifacts.find('AccessToken', 'x'), { instanceOf: StoreUnavailableError });
  await t.throwsAsync(store.accounts.create(accountFixture), { instanceOf: StoreUnavailableError });

  const closing = await within(RECOVERY_MS, () => closedWhileDown.close());
  t.true(closing.ok && closing.inTime, 'close() of a disconnected store resolves at once');

  await own.restart();
  const up = await within(RECOVERY_MS, () => pingAnswers(store));
  t.true(up.inTime, `ping answered again after ${up.elapsed} ms`);
  t.log(`ping answered ${up.elapsed} ms after the restart`);
  await t.notThrowsAsync(store.artifacts.upsert('AccessToken', 'x', { grantId: 'g' }, 60));
});

test('redis: with the server stalled, a call rejects with StoreUnavailableError after about 1 s instead of hanging', async (t) => {
  const own = await startRedisServer();
  t.teardown(() => own.stop());
  const store = await createRedisStoreFromUrl(own.url, 'stall:');
  t.teardown(() => store.close());
  await store.ping();

  process.kill(own.pid, 'SIGSTOP');
  t.teardown(() => {
    try {
      process.kill(own.pid, 'SIGCONT'); // before stop(): a stopped process holds SIGTERM until continued
    } catch {
      // already gone
    }
  });
  const stalled = await within(RECOVERY_MS, () => store.settings.get('anything'));
  t.true(!stalled.ok && stalled.error instanceof StoreUnavailableError);
  t.true(stalled.inTime && stalled.elapsed >= 900, `rejected after ${stalled.elapsed} ms`);
  t.log(`a call to the stalled server failed after ${stalled.elapsed} ms`);

  process.kill(own.pid, 'SIGCONT');
  const resumed = await within(RECOVERY_MS, () => pingAnswers(store));
  t.true(resumed.inTime, `ping answered again after ${resumed.elapsed} ms`);
  t.log(`ping answered ${resumed.elapsed} ms after SIGCONT`);
});

test('redis: creating the store against a port where nothing listens fails with StoreUnavailableError', async (t) => {
  const port = await freePort();
  const error = await t.throwsAsync(
    createRedisStoreFromUrl(`redis://:secret@127.0.0.1:${port}`, 'x:', { readyWithinMs: 300 }),
    {
      instanceOf: StoreUnavailableError,
    },
  );
  t.regex(error?.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  t.notRegex(error?.message ?? '', /secret/);
});
