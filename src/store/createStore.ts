// Picks the backend: Redis when REDIS_URL is set, else the embedded SQLite store in DATA_DIR.
// Either way the store comes back sealed (src/store/sealed): secret material is encrypted under
// the master secrets before it reaches the backend. Opening checks those secrets against the
// stored keys, so a wrong OSTIARY_SECRET stops startup here. Then hashed (src/store/hashed): codes,
// tokens, session ids and throttling keys are kept only as keyed hashes. Clients and APIs are read
// through a cache that sees changes made elsewhere within a second (src/store/cached).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/AppConfig.js';
import { SIGNING_KEYS_SETTING } from '../keys/SigningKeyRecord.js';
import { describeError } from '../observe/describeError.js';
import { createSealer } from '../secrets/createSealer.js';
import { masterSecrets } from '../secrets/masterSecrets.js';
import { cachedCatalog } from './cached/cachedCatalog.js';
import { createEmbeddedStore, EMBEDDED_FILE } from './embedded/createEmbeddedStore.js';
import { StoreNotFoundError } from './errors.js';
import { createHasher } from './hashed/Hasher.js';
import { hashedStore } from './hashed/hashedStore.js';
import { loadHashKey } from './hashed/loadHashKey.js';
import type { Store } from './Store.js';
import { checkSealedSettings } from './sealed/checkSealedSettings.js';
import { sealedStore } from './sealed/sealedStore.js';

export interface OpenOptions {
  /**
   * False for the `ostiary` command: only a store the server (or `ostiary init`) set up is opened,
   * and a missing one is a StoreNotFoundError before anything is written. @default true
   */
  readonly create?: boolean;
}

const WHAT_TO_DO = 'start the server once or run `ostiary init`';

function embeddedMissing(config: AppConfig) {
  return new StoreNotFoundError(
    `no Ostiary data in ${config.dataDir} (DATA_DIR): ${WHAT_TO_DO}, or set DATA_DIR (or REDIS_URL) to where the server keeps its data`,
  );
}

/** While Redis is down ioredis reports every reconnect attempt; one log line per 10 s is enough. */
function everyTenSeconds<T>(log: (value: T) => void) {
  let last = 0;
  return (value: T) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    log(value);
  };
}

async function openBackend(config: AppConfig, logger?: Logger): Promise<Store> {
  if (config.redisUrl) {
    const { createRedisStoreFromUrl } = await import('./redis/createRedisStoreFromUrl.js');
    return createRedisStoreFromUrl(config.redisUrl, config.redisPrefix, {
      onConnectionError: everyTenSeconds((error) =>
        logger?.warn({ err: describeError(error, { expected: true }) }, 'Redis connection error'),
      ),
      onWarning: (message) => logger?.warn(message),
    });
  }
  return createEmbeddedStore(config.dataDir);
}

export async function createStore(
  config: AppConfig,
  logger?: Logger,
  { create = true }: OpenOptions = {},
): Promise<Store> {
  if (!create && !config.redisUrl && !existsSync(join(config.dataDir, EMBEDDED_FILE))) throw embeddedMissing(config);
  const { secrets, source } = masterSecrets(config, logger, { create });
  const sealer = createSealer(secrets);
  const backend = await openBackend(config, logger);
  try {
    if (!create && (await backend.settings.read(SIGNING_KEYS_SETTING)) === undefined) {
      throw config.redisUrl
        ? new StoreNotFoundError(
            `no Ostiary data in this Redis under the prefix "${config.redisPrefix}" (REDIS_URL, REDIS_PREFIX): ${WHAT_TO_DO}`,
          )
        : embeddedMissing(config);
    }
    const inClear = await checkSealedSettings(backend.settings, sealer, source);
    if (inClear.length > 0) {
      logger?.warn(
        { settings: inClear },
        `stored in clear (written before sealing): ${inClear.join(', ')}; run \`ostiary secrets reseal\` to seal them`,
      );
    }
  } catch (error) {
    await backend.close();
    throw error;
  }
  const sealed = sealedStore(cachedCatalog(backend), sealer);
  const hashKey = await loadHashKey(sealed.settings, config.ttl).catch(async (error: unknown) => {
    await backend.close();
    throw error;
  });
  return hashedStore(sealed, createHasher(Buffer.from(hashKey.key, 'base64url')), hashKey.legacyReadsUntil);
}
