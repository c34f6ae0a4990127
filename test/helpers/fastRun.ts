import { randomBytes } from 'node:crypto';
// `npm run test:fast` (ava.fast.config.mjs) runs the tests that need neither Redis nor Chromium and
// sets OSTIARY_TEST_FAST. A file that tests both store backends takes its list from STORES; a test
// that needs Redis in a file that mostly does not is declared with `redisTest`. Starting Redis or
// Chromium in the fast run fails loudly (refuseInFastRun), so no such test slips in by mistake.
import test from 'ava';
import { type RedisServer, startRedisServer } from './redisServer.js';

export const FAST = process.env.OSTIARY_TEST_FAST === '1';

/** The store backends a file tests: both, or in the fast run only the embedded one. */
export const STORES: readonly ('embedded' | 'redis')[] = FAST ? ['embedded'] : ['embedded', 'redis'];

/** `test`, or in the fast run `test.skip`: for the one test of a file that needs Redis. */
export const redisTest = FAST ? test.skip : test;

export function refuseInFastRun(what: string): void {
  if (FAST)
    throw new Error(`${what} is not part of npm run test:fast: use STORES or redisTest (test/helpers/fastRun.ts)`);
}

/**
 * One redis-server for a test file that loops over STORES, started before its tests (not at all
 * in the fast run) and stopped after them; call the returned function inside a test.
 */
export function redisForFile(fileTest: typeof test): () => RedisServer {
  let redis: RedisServer | undefined;
  fileTest.before(async () => {
    if (STORES.includes('redis')) redis = await startRedisServer();
  });
  fileTest.after.always(() => redis?.stop());
  return () => {
    if (!redis) throw new Error('no Redis in this run');
    return redis;
  };
}

/**
 * The settings that put a test on `store`: none for SQLite (each server gets a fresh DATA_DIR), or
 * the file's Redis under a fresh key prefix.
 */
export function storeSettings(store: 'embedded' | 'redis', redis: () => RedisServer): Record<string, string> {
  return store === 'redis' ? { REDIS_URL: redis().url, REDIS_PREFIX: `t${randomBytes(6).toString('hex')}:` } : {};
}
