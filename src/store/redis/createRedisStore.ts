// The Redis backend, for any number of instances sharing one Redis (or Cluster). The client is
// injected, so tests and the composition root decide how it connects; the store owns it from
// then on and quits it on close(). Key layout: keys.ts.
import type { ClientMetadata, Resource, Store } from '../Store.js';
import { redisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';
import { redisAccounts } from './redisAccounts.js';
import { redisArtifacts } from './redisArtifacts.js';
import { redisLimits } from './redisLimits.js';
import { redisRecords } from './redisRecords.js';
import { redisSettings } from './redisSettings.js';
import { surfaceUnavailable } from './surfaceUnavailable.js';

export const DEFAULT_REDIS_PREFIX = 'ostiary:';

const parseClient = (json: string) => JSON.parse(json) as ClientMetadata;
/** Rebuilt field by field so an absent accessTokenTtl reads back as undefined, as in SQLite. */
const parseResource = (json: string): Resource => {
  const stored = JSON.parse(json) as Resource;
  return {
    id: stored.id,
    scope: stored.scope,
    accessTokenTtl: stored.accessTokenTtl,
    createdAt: stored.createdAt,
    ...(stored.claims?.length ? { claims: stored.claims } : {}),
  };
};

export interface RedisStoreOptions {
  /**
   * Hears every connection error (refused, reset, timed out), once per reconnect attempt. Callers
   * of the store see the same failures as StoreUnavailableError, so this is for logging only.
   * @default ignore them
   */
  onConnectionError?: (error: Error) => void;
}

export function createRedisStore(
  client: RedisClient,
  prefix: string = DEFAULT_REDIS_PREFIX,
  options: RedisStoreOptions = {},
): Store {
  // An 'error' event without a listener would crash the process; Redis going away must not.
  client.on('error', options.onConnectionError ?? (() => {}));
  const keys = redisKeys(prefix);

  const { ping } = surfaceUnavailable({
    async ping() {
      await client.ping();
    },
  });

  return {
    kind: 'redis',
    artifacts: surfaceUnavailable(redisArtifacts(client, keys)),
    accounts: surfaceUnavailable(redisAccounts(client, keys)),
    clients: surfaceUnavailable(redisRecords(client, keys.clients(), (c) => c.client_id, parseClient)),
    resources: surfaceUnavailable(redisRecords(client, keys.resources(), (r) => r.id, parseResource)),
    settings: surfaceUnavailable(redisSettings(client, keys)),
    limits: surfaceUnavailable(redisLimits(client, keys)),
    ping,
    async close() {
      // QUIT lets pending replies arrive; it fails when the connection is already down, and
      // disconnect() then stops the reconnect timer so nothing keeps the process alive.
      try {
        if (client.status === 'ready') await client.quit();
      } catch {
        // already disconnected: nothing to flush
      } finally {
        client.disconnect();
      }
    },
  };
}
