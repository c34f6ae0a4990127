// What an anonymous GET /auth may cost, black-box on the embedded store and on Redis: one client
// address starts at most LOGIN_IP_LIMIT sign-ins a minute (429 beyond; a signed-in browser sent
// straight back does not count), and what one such request leaves in the store stays under 4 KB.
import test from 'ava';
import type { RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES, storeSettings } from '../helpers/fastRun.js';
import { relyingParty, signIn } from '../helpers/relyingParty.js';
import type { RunningOstiary } from '../helpers/startOstiary.js';
import { dumpEmbedded, dumpRedis, weight } from '../helpers/storeDump.js';
import { isPage, UserAgent } from '../helpers/UserAgent.js';
import { WEB_REDIRECT, world } from '../helpers/world.js';

const redis = redisForFile(test);

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const MAX_PARAMETER_BYTES = 3 * 1024;

function authorizationQuery(client: RegisteredClient, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: client.client_id,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: WEB_REDIRECT,
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
}

/**
 * The query of an authorization request whose parameters weigh exactly `bytes`, login_hint counted
 * twice (oidc-provider keeps it twice): a quarter of the room is the hint.
 */
function queryOf(client: RegisteredClient, bytes: number) {
  const fill = bytes - authorizationQuery(client, { state: '', nonce: '', login_hint: '' }).length;
  const hint = Math.floor(fill / 4);
  const state = Math.floor((fill - 2 * hint) / 2);
  return authorizationQuery(client, {
    state: 's'.repeat(state),
    nonce: 'n'.repeat(fill - 2 * hint - state),
    login_hint: 'h'.repeat(hint),
  });
}

for (const store of STORES) {
  const settings = (): Record<string, string> => storeSettings(store, redis);
  const dump = (op: RunningOstiary) =>
    store === 'redis' ? dumpRedis(redis().port, op.config.redisPrefix) : Promise.resolve(dumpEmbedded(op.dataDir));

  test(`${store}: one address starts LOGIN_IP_LIMIT sign-ins a minute; a browser sent straight back does not count`, async (t) => {
    let now = Date.now();
    const w = await world({ ...settings(), LOGIN_IP_LIMIT: '3' }, { clock: () => now });
    t.teardown(() => w.op.stop());
    const rp = await relyingParty(w.op.url, w.firstParty);
    const { agent } = await signIn(rp, { redirectUri: WEB_REDIRECT }); // starts the first sign-in
    for (let i = 0; i < 4; i += 1) {
      const back = await agent.navigate(`${w.op.url}/auth?${authorizationQuery(w.firstParty)}`);
      t.false(isPage(back), 'signed in: straight back to the client');
    }
    const anonymous = () => new UserAgent(w.op.url).navigate(`${w.op.url}/auth?${authorizationQuery(w.web)}`);
    for (let i = 0; i < 2; i += 1) {
      const page = await anonymous();
      t.true(isPage(page) && page.status === 200 && page.url.includes('/interaction/'), 'a new sign-in');
    }
    const refused = await anonymous();
    if (!isPage(refused)) return t.fail('expected a page');
    t.is(refused.status, 429);
    t.is(refused.headers.get('retry-after'), '60');
    t.regex(refused.html, /Too many sign-ins from your network; try again in 1 minute/);
    now += 60_000;
    const next = await anonymous();
    t.true(isPage(next) && next.url.includes('/interaction/'), 'a new minute');
  });

  test(`${store}: an anonymous /auth stores under 4 KB, and a larger request is refused before anything is stored`, async (t) => {
    const w = await world(settings());
    t.teardown(() => w.op.stop());
    const before = weight(await dump(w.op));
    const largest = await new UserAgent(w.op.url).navigate(`${w.op.url}/auth?${queryOf(w.web, MAX_PARAMETER_BYTES)}`);
    t.true(isPage(largest) && largest.url.includes('/interaction/'), 'the largest request allowed starts a sign-in');
    const stored = weight(await dump(w.op)) - before;
    t.true(stored > 3000 && stored <= 4096, `${stored} bytes stored`);

    const afterLargest = weight(await dump(w.op));
    for (const query of [
      queryOf(w.web, MAX_PARAMETER_BYTES + 1),
      authorizationQuery(w.web, { state: `a${'\u0001'.repeat(10)}` }),
    ]) {
      const refused = await new UserAgent(w.op.url).navigate(`${w.op.url}/auth?${query}`);
      if (!isPage(refused)) return t.fail('expected an error page');
      t.is(refused.status, 400);
      t.regex(refused.html, /invalid_request/);
    }
    t.is(weight(await dump(w.op)), afterLargest, 'nothing stored for refused requests');
  });
}
