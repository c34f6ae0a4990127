import test from 'ava';
import { postForm } from '../helpers/postForm.js';
import { type RedisServer, redisCli, startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let redis: RedisServer;
let w: World;
test.before(async () => {
  redis = await startRedisServer();
  w = await world({ REDIS_URL: redis.url, REDIS_PREFIX: 'e2e:' });
});
test.after.always(async () => {
  await w?.op.stop();
  await redis?.stop();
});

const refresh = (refreshToken: string) =>
  postForm(w.op.url, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, w.web);

test('with REDIS_URL every piece of state lives in Redis under the prefix', async (t) => {
  t.is(w.op.store.kind, 'redis');
  const rp = await relyingParty(w.op.url, w.web);
  await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const keys = (await redisCli(redis.port, '--scan', '--pattern', '*')).split('\n').filter(Boolean);
  t.true(keys.length > 0);
  t.true(
    keys.every((key) => key.startsWith('e2e:')),
    keys.join(' '),
  );
  t.true(keys.some((key) => key.includes('RefreshToken')));
  t.true(keys.some((key) => key.includes('setting:signing-keys')));
});

test('on Redis, of 16 parallel uses of one refresh token exactly one succeeds, and its new refresh token works', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const responses = await Promise.all(Array.from({ length: 16 }, () => refresh(tokens.refresh_token as string)));
  const statuses = responses.map((response) => response.status);
  t.is(statuses.filter((status) => status === 200).length, 1, statuses.join(','));
  const winner = (await responses.find((response) => response.status === 200)?.json()) as { refresh_token: string };
  t.is((await refresh(winner.refresh_token)).status, 200, 'a race is not theft: the family lives on');
});

test('on Redis with REFRESH_TOKEN_REUSE_INTERVAL, 16 parallel uses of one refresh token all get a working pair', async (t) => {
  const own = await startRedisServer(); // the other tests here check what is on theirs
  t.teardown(() => own.stop());
  const lenient = await world({ REDIS_URL: own.url, REFRESH_TOKEN_REUSE_INTERVAL: '10s' });
  t.teardown(() => lenient.op.stop());
  const rp = await relyingParty(lenient.op.url, lenient.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const use = (token: string) =>
    postForm(lenient.op.url, '/token', { grant_type: 'refresh_token', refresh_token: token }, lenient.web);
  const responses = await Promise.all(Array.from({ length: 16 }, () => use(tokens.refresh_token as string)));
  t.deepEqual(
    responses.map((response) => response.status),
    Array(16).fill(200),
  );
  const pairs = (await Promise.all(responses.map((response) => response.json()))) as { refresh_token: string }[];
  for (const pair of pairs) t.is((await use(pair.refresh_token)).status, 200);
});

test('on Redis, a replayed authorization code fails with invalid_grant', async (t) => {
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  await exchange(rp, signedIn);
  const error = await t.throwsAsync(exchange(rp, signedIn));
  t.is((error as { error?: string }).error, 'invalid_grant');
});
