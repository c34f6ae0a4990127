// Named JSON documents in Redis, one STRING key each. SET NX makes `initialize` first-writer-wins,
// so instances starting together against an empty Redis agree on the same keys. `swap` is a
// compare-and-swap in one Lua script on that one key: the revision is the SHA-1 of the stored
// string, so of several instances applying the same key transition exactly one writes.
import { createHash } from 'node:crypto';
import type { SettingStore } from '../Store.js';
import { defineScript } from './defineScript.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

const SWAP = `
local current = redis.call('GET', KEYS[1])
if not current or redis.sha1hex(current) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

export function redisSettings(client: RedisClient, keys: RedisKeys): SettingStore {
  const swap = defineScript(client, 'ostiarySettingSwap', 1, SWAP);
  const read = async <T>(name: string) => {
    const json = await client.get(keys.setting(name));
    return json == null ? undefined : (JSON.parse(json) as T);
  };

  return {
    get: read,
    async read<T>(name: string) {
      const json = await client.get(keys.setting(name));
      if (json == null) return undefined;
      return { value: JSON.parse(json) as T, revision: createHash('sha1').update(json).digest('hex') };
    },
    async swap(name, revision, value) {
      return (await swap([keys.setting(name)], [revision, JSON.stringify(value)])) === 1;
    },
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
