// Builds the Redis store from REDIS_URL (redis:// or rediss:// for TLS) with the options in
// redisClientOptions.ts, and waits for the first connection so startup fails with a clear message.
import { Redis } from 'ioredis';
import { StoreUnavailableError } from '../errors.js';
import type { Store } from '../Store.js';
import { createRedisStore, type RedisStoreOptions } from './createRedisStore.js';
import { redisClientOptions } from './redisClientOptions.js';
import { whenReady } from './whenReady.js';

export interface RedisStoreFromUrlOptions extends RedisStoreOptions {
  /**
   * How long startup waits for Redis to answer before giving up.
   * @default 5000 (5 s: time for a Redis started alongside us, short enough to fail a deploy visibly)
   */
  readyWithinMs?: number;
}

export async function createRedisStoreFromUrl(
  url: string,
  prefix: string,
  options: RedisStoreFromUrlOptions = {},
): Promise<Store> {
  const client = new Redis(url, redisClientOptions);
  const store = createRedisStore(client, prefix, options);
  try {
    await whenReady(client, options.readyWithinMs ?? 5000);
  } catch (error) {
    await store.close();
    const { protocol, host } = new URL(url); // the address without the password
    throw new StoreUnavailableError(`${protocol}//${host}: ${(error as Error).message}`, { cause: error });
  }
  return store;
}
