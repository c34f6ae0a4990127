import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { freePort } from '../helpers/freePort.js';
import { type RedisServer, redisCli, startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let primary: RedisServer;
let sentinel: ChildProcess;
let w: World;

test.before(async () => {
  primary = await startRedisServer();
  const port = await freePort();
  const conf = join(primary.dir, 'sentinel.conf');
  writeFileSync(conf, `port ${port}\nbind 127.0.0.1\nsentinel monitor ostiary 127.0.0.1 ${primary.port} 1\n`);
  sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  process.once('exit', () => sentinel.kill('SIGKILL'));
  for (let tries = 0; tries < 50; tries += 1) {
    const answer = await redisCli(port, 'SENTINEL', 'get-master-addr-by-name', 'ostiary').catch(() => '');
    if (answer.includes(String(primary.port))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  w = await world({ REDIS_URL: `redis+sentinel://127.0.0.1:${port}/ostiary` });
});
test.after.always(async () => {
  await w?.op.stop();
  if (sentinel && sentinel.exitCode === null) {
    sentinel.kill();
    await once(sentinel, 'exit');
  }
  await primary?.stop();
});

test('through Redis Sentinel the provider finds its primary and serves a login', async (t) => {
  t.is(w.op.store.kind, 'redis');
  const rp = await relyingParty(w.op.url, w.web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  t.truthy(tokens.refresh_token);
  const keys = await redisCli(primary.port, '--scan', '--pattern', 'ostiary:*RefreshToken*');
  t.true(keys.trim().length > 0, 'the refresh token is on the primary the sentinel named');
});
