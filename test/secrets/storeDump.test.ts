// A stolen copy of the store hands over no private key and no client secret: after keys were
// generated, clients registered, a user signed in and a service authenticated, every SQLite row
// and every Redis value is searched for a private JWK member ("d") and for each client secret.
import { join } from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { EMBEDDED_FILE } from '../../src/store/embedded/createEmbeddedStore.js';
import { postForm } from '../helpers/postForm.js';
import { startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

/** Every client secret the cast was given, which must not appear anywhere in the dump. */
const secretsOf = (w: World) => [w.web, w.firstParty, w.service].map((client) => String(client.client_secret));

/** Signs Ada in (sessions, grants, refresh tokens) and gets a service token (client authentication). */
async function exercise(t: import('ava').ExecutionContext, w: World) {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid offline_access' }));
  t.truthy(tokens.refresh_token);
  const response = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, w.service);
  t.is(response.status, 200, 'the sealed client secret still authenticates');
  t.truthy(((await response.json()) as { access_token?: string }).access_token);
}

function assertNothingInClear(t: import('ava').ExecutionContext, dump: string, w: World) {
  t.true(dump.includes(w.service.client_id), 'the dump holds the clients');
  t.true(dump.includes('ostiary:sealed:v1:'), 'and sealed values');
  t.false(dump.includes('"d":'), 'no private JWK member');
  for (const secret of secretsOf(w)) t.false(dump.includes(secret), 'no client secret');
}

test('every row of every SQLite table is free of private keys and client secrets', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  await exercise(t, w);

  const db = new Database(join(w.op.dataDir, EMBEDDED_FILE), { readonly: true });
  t.teardown(() => db.close());
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  t.true(['artifacts', 'clients', 'settings'].every((table) => tables.includes(table)));
  const cells = tables.flatMap((table) =>
    (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) =>
      Object.values(row).map(String),
    ),
  );
  assertNothingInClear(t, cells.join('\n'), w);
});

test('every value of every Redis key is free of private keys and client secrets', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const w = await world({ REDIS_URL: redis.url, OSTIARY_SECRET: generateMasterSecret() });
  t.teardown(() => w.op.stop());
  await exercise(t, w);

  const client = new Redis(redis.port, '127.0.0.1');
  client.on('error', () => {});
  t.teardown(() => client.disconnect());
  const values: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 100);
    cursor = next;
    for (const key of keys) {
      const type = await client.type(key);
      if (type === 'string') values.push(String(await client.get(key)));
      else if (type === 'hash') values.push(...Object.entries(await client.hgetall(key)).flat());
      else if (type === 'set') values.push(...(await client.smembers(key)));
      else if (type === 'zset') values.push(...(await client.zrange(key, '0', '-1')));
      else if (type === 'list') values.push(...(await client.lrange(key, 0, -1)));
      else t.fail(`unexpected Redis type ${type} for ${key}`);
      values.push(key);
    }
  } while (cursor !== '0');
  t.true(values.length > 10);
  assertNothingInClear(t, values.join('\n'), w);
});
