// Registered clients and APIs in Redis: one HASH per kind, id → JSON, so get, put, list and
// remove are each one single-key command. They number in the dozens, so HVALS for list() is cheap.
import type { RecordStore } from '../Store.js';
import type { RedisClient } from './RedisClient.js';

export function redisRecords<T>(
  client: RedisClient,
  key: string,
  idOf: (record: T) => string,
  parse: (json: string) => T,
): RecordStore<T> {
  return {
    async get(id) {
      const json = await client.hget(key, id);
      return json == null ? undefined : parse(json);
    },
    async put(record) {
      await client.hset(key, idOf(record), JSON.stringify(record));
    },
    async list() {
      const all = (await client.hvals(key)).map(parse);
      return all.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    },
    async remove(id) {
      return (await client.hdel(key, id)) === 1;
    },
  };
}
