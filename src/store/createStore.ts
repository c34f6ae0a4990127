// Picks the backend: Redis when REDIS_URL is set, else the embedded SQLite store in DATA_DIR.
import type { AppConfig } from '../config/AppConfig.js';
import { createEmbeddedStore } from './embedded/createEmbeddedStore.js';
import type { Store } from './Store.js';

export async function createStore(config: AppConfig): Promise<Store> {
  if (config.redisUrl) {
    const { createRedisStoreFromUrl } = await import('./redis/createRedisStoreFromUrl.js');
    return createRedisStoreFromUrl(config.redisUrl, config.redisPrefix);
  }
  return createEmbeddedStore(config.dataDir);
}
