// Registered clients in Redis: one HASH client_id → metadata JSON, so get, put, list and remove
// are each one single-key command. Clients number in the dozens, so HVALS for list() is cheap.
import type { ClientMetadata, ClientStore } from '../Store.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

export function redisClients(client: RedisClient, keys: RedisKeys): ClientStore {
  const parse = (json: string) => JSON.parse(json) as ClientMetadata;

  return {
    async get(clientId) {
      const json = await client.hget(keys.clients(), clientId);
      return json == null ? undefined : parse(json);
    },
    async put(metadata) {
      await client.hset(keys.clients(), metadata.client_id, JSON.stringify(metadata));
    },
    async list() {
      const all = (await client.hvals(keys.clients())).map(parse);
      return all.sort((a, b) => (a.client_id < b.client_id ? -1 : a.client_id > b.client_id ? 1 : 0));
    },
    async remove(clientId) {
      return (await client.hdel(keys.clients(), clientId)) === 1;
    },
  };
}
