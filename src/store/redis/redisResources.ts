// Registered APIs (resource servers) in Redis: one HASH resource id → JSON, like the clients.
import type { Resource, ResourceStore } from '../Store.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

/** Rebuilt field by field so an absent accessTokenTtl reads back as undefined, as in SQLite. */
const parse = (json: string): Resource => {
  const stored = JSON.parse(json) as Resource;
  return { id: stored.id, scope: stored.scope, accessTokenTtl: stored.accessTokenTtl, createdAt: stored.createdAt };
};

export function redisResources(client: RedisClient, keys: RedisKeys): ResourceStore {
  return {
    async get(id) {
      const json = await client.hget(keys.resources(), id);
      return json == null ? undefined : parse(json);
    },
    async put(resource) {
      await client.hset(keys.resources(), resource.id, JSON.stringify(resource));
    },
    async list() {
      const all = (await client.hvals(keys.resources())).map(parse);
      return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async remove(id) {
      return (await client.hdel(keys.resources(), id)) === 1;
    },
  };
}
