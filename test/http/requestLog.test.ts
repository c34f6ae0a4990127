// Request ids and the request log: X-Request-Id is taken when well formed, replaced otherwise,
// echoed on every response and written on the request's log and audit lines; a request line says
// when (ISO time), who (address, client) and how it failed (the OAuth error), and never carries a
// query string. A Redis outage is logged as a readable error.
import test from 'ava';
import { eventually } from '../helpers/eventually.js';
import { redisTest } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { startRedisServer } from '../helpers/redisServer.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { type World, world } from '../helpers/world.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

const requestLine = (requestId: string) =>
  w.op.logLines.find((line) => line.msg === 'request' && line.requestId === requestId);

test('a well-formed X-Request-Id is echoed and logged; one that is not is replaced by a new id', async (t) => {
  for (const path of ['/healthz', '/jwks', '/.well-known/openid-configuration', '/no-such-page']) {
    const given = await fetch(`${w.op.url}${path}`, { headers: { 'x-request-id': 'trace-0af7651916cd43dd' } });
    t.is(given.headers.get('x-request-id'), 'trace-0af7651916cd43dd', path);
    await given.body?.cancel();
  }
  for (const bad of ['has spaces in it', 'x'.repeat(129), 'quote"and\\backslash']) {
    const response = await fetch(`${w.op.url}/healthz`, { headers: { 'x-request-id': bad } });
    t.regex(response.headers.get('x-request-id') ?? '', UUID, `"${bad.slice(0, 20)}" is replaced`);
    await response.body?.cancel();
  }
  const none = await fetch(`${w.op.url}/healthz`);
  const generated = none.headers.get('x-request-id') ?? '';
  t.regex(generated, UUID);
  await none.body?.cancel();
  t.truthy(requestLine(generated), 'the generated id is the one logged');
});

test('a failed token request logs its ISO time, address, client and OAuth error, and not its query', async (t) => {
  const response = await postForm(
    w.op.url,
    '/token?code=should-not-be-logged',
    { grant_type: 'authorization_code', code: 'no-such-code', redirect_uri: 'https://web.example.com/callback' },
    w.web,
    { 'x-request-id': 'log-token-1' },
  );
  t.is(response.status, 400);
  const line = requestLine('log-token-1');
  t.like(line, {
    method: 'POST',
    path: '/token',
    status: 400,
    address: '127.0.0.1',
    clientId: w.web.client_id,
    error: 'invalid_grant',
  });
  t.regex(String(line?.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.false(JSON.stringify(w.op.logLines).includes('should-not-be-logged'));
});

test('behind a trusted proxy the logged address is the one the proxy wrote', async (t) => {
  const proxied = await world({ TRUST_PROXY: 'true' });
  t.teardown(() => proxied.op.stop());
  const response = await fetch(`${proxied.op.url}/healthz`, {
    headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7', 'x-request-id': 'proxied-1' },
  });
  await response.body?.cancel();
  t.like(
    proxied.op.logLines.find((line) => line.requestId === 'proxied-1'),
    { address: '198.51.100.7' },
  );
});

redisTest('while Redis is down the connection error is logged as a readable line, with its cause', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const op = await startOstiary({ REDIS_URL: `redis://localhost:${redis.port}` });
  t.teardown(() => op.stop());
  await redis.kill();
  const logged = () => op.logLines.find((line) => line.msg === 'Redis connection error');
  await eventually(async () => logged() !== undefined, 5_000);
  const err = logged()?.err as { type: string; message: string; stack?: string } | undefined;
  if (!err) return t.fail('no connection error was logged');
  t.regex(err.message, /ECONNREFUSED/, 'the cause, even from an AggregateError whose own message is empty');
  t.is(err.stack, undefined, 'an outage is expected: no stack');
  await redis.restart();
});
