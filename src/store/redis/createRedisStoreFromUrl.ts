// Builds the Redis store from REDIS_URL (a server, a Cluster or a Sentinel primary: redisTarget.ts) with the options in
// redisClientOptions.ts, and waits for the first connection so startup fails with a clear message.
import { StoreUnavailableError } from '../errors.js';
import type { Store } from '../Store.js';
import { checkDurability } from './checkDurability.js';
import { connectRedis } from './connectRedis.js';
import { createRedisStore, type RedisStoreOptions } from './createRedisStore.js';
import { redactRedisUrl } from './redisTarget.js';
import { whenReady } from './whenReady.js';

export interface RedisStoreFromUrlOptions extends RedisStoreOptions {
  /**
   * How long startup waits for Redis to answer before giving up.
   * @default 5000 (5 s: time for a Redis started alongside us, short enough to fail a deploy visibly)
   */
  readyWithinMs?: number;
  /** Receives configuration warnings (eviction policy, persistence) once Redis answers. */
  onWarning?: (message: string) => void;
}

export async function createRedisStoreFromUrl(
  url: string,
  prefix: string,
  options: RedisStoreFromUrlOptions = {},
): Promise<Store> {
  const client = connectRedis(url);
  const store = createRedisStore(client, prefix, options);
  try {
    await whenReady(client, options.readyWithinMs ?? 5000);
  } catch (error) {
    await store.close();
    throw new StoreUnavailableError(`${redactRedisUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  if (options.onWarning) await checkDurability(client, options.onWarning);
  return store;
}
