import test from 'ava';
import * as oidc from 'openid-client';
import { type RedisCluster, startRedisCluster } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let cluster: RedisCluster;
let w: World;
test.before(async () => {
  cluster = await startRedisCluster();
  const seeds = cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',');
  w = await world({ REDIS_URL: `redis+cluster://${seeds}` });
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
  await t.throwsAsync(oidc.refreshTokenGrant(rp, tokens.refresh_token as string), {
    code: 'OAUTH_RESPONSE_BODY_ERROR',
  });
  await t.throwsAsync(oidc.refreshTokenGrant(rp, rotated.refresh_token as string), undefined, 'the family is revoked');
});
