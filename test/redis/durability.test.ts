import test from 'ava';
import { createRedisStoreFromUrl } from '../../src/store/redis/createRedisStoreFromUrl.js';
import { postForm } from '../helpers/postForm.js';
import { startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, world } from '../helpers/world.js';

test('with AOF on, a Redis crash and restart loses no issued refresh token', async (t) => {
  const redis = await startRedisServer({ appendonly: true, appendfsync: 'everysec' });
  const w = await world({ REDIS_URL: redis.url });
  t.teardown(async () => {
    await w.op.stop();
    await redis.stop();
  });
  const rp = await relyingParty(w.op.url, w.web);
  const refreshTokens: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
    refreshTokens.push(tokens.refresh_token as string);
  }
  // everysec: give the last write its second to reach the disk, as docs/production.md explains.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await redis.kill();
  await redis.restart();
  await new Promise((resolve) => setTimeout(resolve, 700)); // the client reconnects within 500 ms
  for (const refresh_token of refreshTokens) {
    const response = await postForm(w.op.url, '/token', { grant_type: 'refresh_token', refresh_token }, w.web);
    t.is(response.status, 200);
  }
});

test('startup warns when Redis may evict keys or has no persistence, and is quiet when it is set up right', async (t) => {
  const risky = await startRedisServer({ args: ['--maxmemory-policy', 'allkeys-lru'] });
  const safe = await startRedisServer({ appendonly: true, args: ['--maxmemory-policy', 'noeviction'] });
  t.teardown(async () => {
    await risky.stop();
    await safe.stop();
  });
  const warnings: string[] = [];
  const riskyStore = await createRedisStoreFromUrl(risky.url, 'w:', { onWarning: (m) => warnings.push(m) });
  await riskyStore.close();
  t.is(warnings.length, 2);
  t.regex(warnings[0] ?? '', /maxmemory-policy is allkeys-lru.*noeviction/);
  t.regex(warnings[1] ?? '', /AOF persistence is off/);

  const quiet: string[] = [];
  const safeStore = await createRedisStoreFromUrl(safe.url, 'w:', { onWarning: (m) => quiet.push(m) });
  await safeStore.close();
  t.deepEqual(quiet, []);
});
