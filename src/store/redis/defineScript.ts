// Registers a Lua script on the client and returns a typed caller. ioredis sends EVALSHA and falls
// back to EVAL once per connection when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH).
import type { RedisClient } from './RedisClient.js';

type ScriptArg = string | number;
export type RunScript = (keys: readonly string[], args: readonly ScriptArg[]) => Promise<unknown>;

/**
 * `name` is global to the client; every script here starts with `ostiary`. In a Cluster all
 * `keys` must hash to one slot (Redis refuses the script otherwise). `numberOfKeys` 'any': each
 * call says how many it passes.
 */
export function defineScript(client: RedisClient, name: string, numberOfKeys: number | 'any', lua: string): RunScript {
  client.defineCommand(name, numberOfKeys === 'any' ? { lua } : { numberOfKeys, lua });
  const command = (client as unknown as Record<string, (...args: ScriptArg[]) => Promise<unknown>>)[name];
  if (!command) throw new Error(`ioredis did not define the script ${name}`);
  return (keys, args) => {
    if (numberOfKeys === 'any') return command.call(client, keys.length, ...keys, ...args);
    if (keys.length !== numberOfKeys) throw new RangeError(`${name} takes ${numberOfKeys} keys`);
    return command.call(client, ...keys, ...args);
  };
}
