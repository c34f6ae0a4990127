import test from 'ava';
import { CATALOG_MAX_AGE_MS } from '../../src/store/cached/cachedCatalog.js';
import { eventually } from '../helpers/eventually.js';
import { postForm } from '../helpers/postForm.js';
import { type RedisServer, startRedisServer } from '../helpers/redisServer.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, UserAgent } from '../helpers/UserAgent.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';

let redis: RedisServer;
let w: World;
test.before(async () => {
  redis = await startRedisServer({ appendonly: true });
  w = await world({ REDIS_URL: redis.url });
});
test.after.always(async () => {
  await w?.op.stop();
  await redis?.stop();
});

const timed = async <T>(call: () => Promise<T>) => {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
};

test.serial(
  'with Redis down, state-bound requests fail fast with 503, metadata keeps serving, and service resumes on its own',
  async (t) => {
    const rp = await relyingParty(w.op.url, w.web);
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
    const tokens = await exchange(rp, signedIn);
    const refresh = (token: string) =>
      postForm(w.op.url, '/token', { grant_type: 'refresh_token', refresh_token: token }, w.web);
    const authorizeAs = (clientId: string) =>
      timed(() =>
        new UserAgent(w.op.url).navigate(
          `${w.op.url}/auth?client_id=${clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(WEB_REDIRECT)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256`,
        ),
      );
    // Let the instance's copy of the web client expire, then have it read afresh (any
    // authenticated request does), so it still holds the client for the checks right after the kill.
    await new Promise((resolve) => setTimeout(resolve, CATALOG_MAX_AGE_MS + 100));
    await (await postForm(w.op.url, '/token', { grant_type: 'client_credentials' }, w.web)).body?.cancel();

    await redis.kill();

    // A client the instance read a moment ago: the error goes back to its verified redirect URI,
    // as RFC 6749 4.1.2.1 defines temporarily_unavailable for.
    const known = await authorizeAs(w.web.client_id);
    t.true(known.ms < 2000, `${known.ms} ms`);
    if (isPage(known.result)) return t.fail(`expected a redirect to the client, got a ${known.result.status} page`);
    const back = new URL(known.result.redirect);
    t.is(`${back.origin}${back.pathname}`, WEB_REDIRECT);
    t.is(back.searchParams.get('error'), 'temporarily_unavailable');
    t.is(back.searchParams.get('iss'), w.op.url);

    const token = await timed(() => refresh(tokens.refresh_token as string));
    t.is(token.result.status, 503);
    t.true(token.ms < 2000, `${token.ms} ms`);
    t.like(await token.result.json(), { error: 'temporarily_unavailable' });
    t.is(token.result.headers.get('retry-after'), '2');

    // A client this instance cannot look up: no redirect URI can be trusted, so a page says it.
    const unknown = await authorizeAs('not-read-before-the-outage');
    t.true(unknown.ms < 2000, `${unknown.ms} ms`);
    if (!isPage(unknown.result)) return t.fail('expected an error page');
    t.is(unknown.result.status, 503);
    t.regex(unknown.result.html, /temporarily unavailable/);

    t.is((await fetch(`${w.op.url}/.well-known/openid-configuration`)).status, 200);
    t.is((await fetch(`${w.op.url}/jwks`)).status, 200);
    t.is((await fetch(`${w.op.url}/healthz`)).status, 200);
    const ready = await timed(() => fetch(`${w.op.url}/readyz`));
    t.is(ready.result.status, 503);
    t.true(ready.ms < 2000);

    await redis.restart();
    let status = 0;
    const { ms: recovered } = await eventually(async () => {
      const response = await refresh(tokens.refresh_token as string);
      status = response.status;
      await response.body?.cancel();
      return status === 200;
    }, 5000);
    t.is(status, 200, 'the refresh token survived the outage (AOF) and the failed attempt did not spend it');
    t.true(recovered < 2000, `service resumed after ${recovered} ms`);
    t.is((await fetch(`${w.op.url}/readyz`)).status, 200);
  },
);

test.serial('with Redis stalled, a token request still answers within 2 seconds', async (t) => {
  process.kill(redis.pid, 'SIGSTOP');
  try {
    const { result, ms } = await timed(() =>
      postForm(w.op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, w.service),
    );
    t.is(result.status, 503);
    t.true(ms < 2000, `${ms} ms`);
  } finally {
    process.kill(redis.pid, 'SIGCONT');
  }
});
