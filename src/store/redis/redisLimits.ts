// Throttling counters in Redis: one HASH { count, until, expires } per key, changed only by the
// scripts below, each atomic on its one key (so any Cluster slot will do). Times come from the
// caller's clock: `expires` decides when a record reads as empty, and PEXPIRE only frees the
// memory afterwards.
import type { AttemptOutcome, LimitStore } from '../Store.js';
import { defineScript } from './defineScript.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

// A fixed window: ARGV now, windowMs, by. Returns { count, resetAt }.
const COUNT = `
local now, window, by = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local record = redis.call('HMGET', KEYS[1], 'count', 'expires')
local count, expires = tonumber(record[1]) or 0, tonumber(record[2]) or 0
if expires <= now then
  if by <= 0 then return {0, now} end
  count = 0
  expires = now + window
end
count = math.max(0, count + by)
redis.call('HSET', KEYS[1], 'count', count, 'until', 0, 'expires', expires)
redis.call('PEXPIRE', KEYS[1], expires - now)
return {count, expires}`;

// A lockout: ARGV now, limit, windowMs, then the lock durations. Returns {0, retryAfterMs} when
// locked (nothing counted), else {1, attempts, lockedUntil}. The attempt that reaches the limit, and each one
// after it, locks the key for the next duration (the last repeats); the record lives until the
// window has passed after the last attempt or after the lock, whichever ends later.
const ATTEMPT = `
local now, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local record = redis.call('HMGET', KEYS[1], 'count', 'until', 'expires')
local count, locked, expires = tonumber(record[1]) or 0, tonumber(record[2]) or 0, tonumber(record[3]) or 0
if expires <= now then
  count = 0
  locked = 0
end
if locked > now then return {0, locked - now} end
count = count + 1
local step = count - limit
locked = 0
if step >= 0 then locked = now + tonumber(ARGV[4 + math.min(step, #ARGV - 4)]) end
expires = math.max(now, locked) + window
redis.call('HSET', KEYS[1], 'count', count, 'until', locked, 'expires', expires)
redis.call('PEXPIRE', KEYS[1], expires - now)
return {1, count, locked}`;

export function redisLimits(client: RedisClient, keys: RedisKeys): LimitStore {
  const count = defineScript(client, 'ostiaryLimitCount', 1, COUNT);
  const attempt = defineScript(client, 'ostiaryLimitAttempt', 1, ATTEMPT);

  return {
    async count(key, windowMs, now, by = 1) {
      const [total, resetAt] = (await count([keys.limit(key)], [now, windowMs, by])) as [number, number];
      return { count: Number(total), resetAt: Number(resetAt) };
    },
    async attempt(key, rule, now): Promise<AttemptOutcome> {
      const args = [now, rule.limit, rule.windowMs, ...rule.locksMs];
      const [allowed, value, lockedUntil] = (await attempt([keys.limit(key)], args)) as [number, number, number?];
      return allowed === 1
        ? { allowed: true, attempts: Number(value), lockedUntil: Number(lockedUntil) }
        : { allowed: false, retryAfterMs: Number(value) };
    },
    async peek(key, now) {
      const [count, locked, expires] = await client.hmget(keys.limit(key), 'count', 'until', 'expires');
      if (Number(expires ?? 0) <= now) return { attempts: 0, lockedUntil: 0 };
      const lockedUntil = Number(locked ?? 0);
      return { attempts: Number(count ?? 0), lockedUntil: lockedUntil > now ? lockedUntil : 0 };
    },
    async reset(key) {
      await client.del(keys.limit(key));
    },
  };
}
