// A stolen copy of the store hands over no private key and no client secret: after keys were
// generated, clients registered, a user signed in and a service authenticated, every SQLite row
// and every Redis value is searched for a private JWK member ("d") and for each client secret.
import test from 'ava';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { redisTest } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { dumpEmbedded, dumpRedis } from '../helpers/storeDump.js';
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
  assertNothingInClear(t, dumpEmbedded(w.op.dataDir).join('\n'), w);
});

redisTest('every value of every Redis key is free of private keys and client secrets', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const w = await world({ REDIS_URL: redis.url, OSTIARY_SECRET: generateMasterSecret() });
  t.teardown(() => w.op.stop());
  await exercise(t, w);
  const values = await dumpRedis(redis.port);
  t.true(values.length > 10);
  assertNothingInClear(t, values.join('\n'), w);
});
