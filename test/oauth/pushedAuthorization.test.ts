// Pushed authorization requests (RFC 9126) through openid-client, on the embedded store and on
// Redis: any client may push; a client registered with --require-par must (a plain request is
// refused before any page), and REQUIRE_PAR=true asks it of every client. Discovery says so.
import test, { type ExecutionContext } from 'ava';
import type * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { authorizationUrl, exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, UserAgent } from '../helpers/UserAgent.js';
import { WEB_REDIRECT, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

/** Where a plain (not pushed) authorization request ends: the client's redirect with an error, or a page. */
async function plainRequest(op: { url: string }, rp: oidc.Configuration) {
  const answer = await new UserAgent(op.url).navigate(await authorizationUrl(rp, WEB_REDIRECT));
  if (isPage(answer)) return { page: answer.status };
  const back = new URL(answer.redirect);
  return { error: back.searchParams.get('error'), description: back.searchParams.get('error_description') };
}

for (const store of STORES) {
  async function setUp(t: ExecutionContext, settings: Record<string, string> = {}) {
    const w = await worldOn(t, store, redis, settings);
    return w;
  }

  test(`${store}: any client may push its request; one registered with --require-par must`, async (t) => {
    const w = await setUp(t);
    const metadata = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    t.is(metadata.pushed_authorization_request_endpoint, `${w.op.url}/request`);
    t.not(metadata.require_pushed_authorization_requests, true, 'not required of every client');

    const web = await relyingParty(w.op.url, w.web);
    t.truthy((await exchange(web, await signIn(web, { redirectUri: WEB_REDIRECT, par: true }))).id_token, 'pushed');
    t.truthy((await exchange(web, await signIn(web, { redirectUri: WEB_REDIRECT }))).id_token, 'or not');

    const strict = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Strict', '--first-party', '--redirect-uri', WEB_REDIRECT, '--require-par'],
    );
    t.is((strict as unknown as Record<string, unknown>).require_pushed_authorization_requests, true);
    const rp = await relyingParty(w.op.url, strict);
    t.like(await plainRequest(w.op, rp), { error: 'invalid_request' });
    t.truthy((await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, par: true }))).id_token);

    await admin(w.op.store, 'client', 'update', strict.client_id, '--no-require-par');
    t.truthy((await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }))).id_token, 'plain again');
  });

  test(`${store}: REQUIRE_PAR=true asks it of every client`, async (t) => {
    const w = await setUp(t, { REQUIRE_PAR: 'true' });
    const metadata = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    t.is(metadata.require_pushed_authorization_requests, true);
    const web = await relyingParty(w.op.url, w.web);
    t.like(await plainRequest(w.op, web), { error: 'invalid_request' });
    t.truthy((await exchange(web, await signIn(web, { redirectUri: WEB_REDIRECT, par: true }))).id_token);
  });
}
