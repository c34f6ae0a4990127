// Named JSON documents in Redis, one STRING key each. SET NX makes `initialize` first-writer-wins,
// so instances starting together against an empty Redis agree on the same keys.
import type { SettingStore } from '../Store.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

export function redisSettings(client: RedisClient, keys: RedisKeys): SettingStore {
  const read = async <T>(name: string) => {
    const json = await client.get(keys.setting(name));
    return json == null ? undefined : (JSON.parse(json) as T);
  };

  return {
    get: read,
    async initialize<T>(name: string, value: T) {
      // SET NX is atomic on its one key: of concurrent first writers exactly one stores its value;
      // the GET then returns whatever is stored, ours or the winner's. (SET NX GET would save a round
      // trip but needs Redis 7.)
      await client.set(keys.setting(name), JSON.stringify(value), 'NX');
      return (await read<T>(name)) ?? value;
    },
    async put(name, value) {
      await client.set(keys.setting(name), JSON.stringify(value));
    },
  };
}
