// Clients held to their APIs and scopes, on Redis (the suite: test/oauth/clientsHeldToApis.ts).
import test from 'ava';
import { type RedisServer, startRedisServer } from '../helpers/redisServer.js';
import { clientsHeldToApis } from '../oauth/clientsHeldToApis.js';

let redis: RedisServer | undefined;
clientsHeldToApis('redis', async () => {
  redis = await startRedisServer();
  return { REDIS_URL: redis.url };
});
test.after.always(() => redis?.stop()); // after the suite's own: its server stops first
