import test from 'ava';
import * as oidc from 'openid-client';
import { RACE_WINDOW_SECONDS } from '../../src/provider/deferredRotation.js';
import { type RedisCluster, startRedisCluster } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let cluster: RedisCluster;
let w: World;
let skew = 0; // the provider's clock runs ahead of the wall clock by this much
test.before(async () => {
  cluster = await startRedisCluster();
  const seeds = cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',');
  w = await world({ REDIS_URL: `redis+cluster://${seeds}` }, { clock: () => Date.now() + skew });
});
test.after.always(async () => {
  await w?.op.stop();
  await cluster?.stop();
});

test('on a three-master Redis Cluster a person logs in, and refresh tokens rotate and are single use', async (t) => {
  t.is(w.op.store.kind, 'redis');
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const rotated = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
  t.not(rotated.refresh_token, tokens.refresh_token);
  skew = (RACE_WINDOW_SECONDS + 1) * 1000; // a reuse, not a request sent together with the first
  await t.throwsAsync(oidc.refreshTokenGrant(rp, tokens.refresh_token as string), {
    code: 'OAUTH_RESPONSE_BODY_ERROR',
  });
  await t.throwsAsync(oidc.refreshTokenGrant(rp, rotated.refresh_token as string), undefined, 'the family is revoked');
});
