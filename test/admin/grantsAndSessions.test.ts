// An account's grants and sessions through the admin API, on both stores: a person signs in to a
// web app; the operator sees the session and the grant, takes the grant back (its refresh token
// dies, the next sign-in asks for consent again) and ends the session (the browser must sign in
// again). The audit trail records both.
import test from 'ava';
import * as oidc from 'openid-client';
import { STORES } from '../helpers/fastRun.js';
import { startRedisServer } from '../helpers/redisServer.js';
import { authorizationUrl, exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';
import { adminCaller } from './adminClient.js';

for (const kind of STORES) {
  test(`${kind}: an operator lists a person's grants and sessions, revokes a grant and ends a session`, async (t) => {
    const redis = kind === 'redis' ? await startRedisServer() : undefined;
    t.teardown(() => redis?.stop());
    const w = await world(redis ? { REDIS_URL: redis.url } : {});
    t.teardown(() => w.op.stop());
    const ops = await adminCaller(w.op, 'admin:read admin:write');
    const ada = (await w.op.store.accounts.findByEmail(ADA.email))?.accountId as string;
    const rp = await relyingParty(w.op.url, w.web);
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
    const tokens = await exchange(rp, signedIn);

    const sessions = await ops.call('GET', `/users/${ada}/sessions`);
    t.is(sessions.status, 200);
    t.is(sessions.body.sessions.length, 1);
    t.deepEqual(sessions.body.sessions[0].clients, [w.web.client_id]);
    const grants = await ops.call('GET', `/users/${ada}/grants`);
    t.is(grants.body.grants.length, 1);
    const [grant] = grants.body.grants;
    t.like(grant, { clientId: w.web.client_id });
    t.regex(grant.scope, /openid/);
    t.false(JSON.stringify([sessions.body, grants.body]).includes(tokens.refresh_token as string));

    t.is((await ops.call('DELETE', `/users/${ada}/grants/no-such-grant`)).status, 404);
    t.is((await ops.call('DELETE', `/users/${ada}/grants/${grant.grantId}`)).status, 204);
    await t.throwsAsync(
      oidc.refreshTokenGrant(rp, tokens.refresh_token as string),
      undefined,
      'its refresh token died',
    );
    t.deepEqual((await ops.call('GET', `/users/${ada}/grants`)).body.grants, []);
    // Same browser: still signed in, but the client must ask for consent again.
    const again = await signedIn.agent.navigate(await authorizationUrl(rp, WEB_REDIRECT, { scope: 'openid email' }));
    t.true(isPage(again) && again.html.includes('/confirm"'), 'consent is asked again');

    const sessionId = sessions.body.sessions[0].sessionId as string;
    t.is((await ops.call('DELETE', `/users/${ada}/sessions/${sessionId}`)).status, 204);
    t.deepEqual((await ops.call('GET', `/users/${ada}/sessions`)).body.sessions, []);
    const silent = await signedIn.agent.navigate(await authorizationUrl(rp, WEB_REDIRECT, { prompt: 'none' }));
    t.false(isPage(silent));
    if (!isPage(silent)) t.is(new URL(silent.redirect).searchParams.get('error'), 'login_required', 'signed out');

    t.like(
      w.op.auditLines.find((line) => line.event === 'grant.revoked'),
      {
        accountId: ada,
        clientId: w.web.client_id,
        actor: `client:${ops.client.client_id}`,
      },
    );
    t.like(
      w.op.auditLines.find((line) => line.event === 'session.ended'),
      { accountId: ada, details: { sessionId } },
    );
  });
}
