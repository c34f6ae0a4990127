// The storage contract against a three-master Redis Cluster through ioredis's Cluster client. Keys
// of one test spread over all three nodes, so any command spanning two slots fails with CROSSSLOT.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Cluster } from 'ioredis';
import { createRedisStore } from '../../src/store/redis/createRedisStore.js';
import { clusterClientOptions } from '../../src/store/redis/redisClientOptions.js';
import { whenReady } from '../../src/store/redis/whenReady.js';
import { type RedisCluster, startRedisCluster } from '../helpers/redisServer.js';
import { storeContract } from './contract.js';

const READY_WITHIN_MS = 5000; // slot discovery on a fresh cluster takes a few round trips

let cluster: RedisCluster;
test.before(async () => {
  cluster = await startRedisCluster();
});
test.after.always(async () => {
  await cluster?.stop();
});

async function connect(prefix: string) {
  const client = new Cluster(cluster.nodes, clusterClientOptions);
  const store = createRedisStore(client, prefix);
  await whenReady(client, READY_WITHIN_MS);
  return store;
}

storeContract('redis cluster', async () => {
  const prefix = `test-${randomUUID()}:`;
  const store = await connect(prefix);
  return { store, twin: () => connect(prefix), cleanup: () => store.close() };
});

test('redis cluster: the keys of one grant land on more than one node', async (t) => {
  // Guards the suite's premise: were every key in one slot, CROSSSLOT bugs would go unnoticed.
  const prefix = `test-${randomUUID()}:`;
  const store = await connect(prefix);
  t.teardown(() => store.close());
  const client = new Cluster(cluster.nodes, clusterClientOptions);
  t.teardown(() => client.disconnect());
  await whenReady(client, READY_WITHIN_MS);
  const keys = Array.from({ length: 8 }, (_, i) => `${prefix}artifact:AccessToken:${i}`);
  const slots = await Promise.all(keys.map((key) => client.cluster('KEYSLOT', key)));
  const nodes = new Set(slots.map((slot) => client.slots[Number(slot)]?.[0]));
  t.true(nodes.size > 1, `slots ${slots.join(', ')}`);
});
