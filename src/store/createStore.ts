// Picks the backend: Redis when REDIS_URL is set, else the embedded SQLite store in DATA_DIR.
import type { Logger } from 'pino';
import type { AppConfig } from '../config/AppConfig.js';
import { createEmbeddedStore } from './embedded/createEmbeddedStore.js';
import type { Store } from './Store.js';

/** While Redis is down ioredis reports every reconnect attempt; one log line per 10 s is enough. */
function everyTenSeconds<T>(log: (value: T) => void) {
  let last = 0;
  return (value: T) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    log(value);
  };
}

export async function createStore(config: AppConfig, logger?: Logger): Promise<Store> {
  if (config.redisUrl) {
    const { createRedisStoreFromUrl } = await import('./redis/createRedisStoreFromUrl.js');
    return createRedisStoreFromUrl(config.redisUrl, config.redisPrefix, {
      onConnectionError: everyTenSeconds((error) =>
        logger?.warn({ err: { message: error.message } }, 'Redis connection error'),
      ),
      onWarning: (message) => logger?.warn(message),
    });
  }
  return createEmbeddedStore(config.dataDir);
}
