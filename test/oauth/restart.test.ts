import test from 'ava';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { WEB_REDIRECT, world } from '../helpers/world.js';

test('a restart keeps the signing keys, so earlier tokens verify and refresh tokens and sessions stay valid', async (t) => {
  const w = await world();
  const rp = await relyingParty(w.op.url, w.web);
  const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT });
  const tokens = await exchange(rp, signedIn);
  const jwksBefore = await (await fetch(`${w.op.url}/jwks`)).json();
  const port = new URL(w.op.url).port;
  await w.op.stop();

  const again = await startOstiary({ DATA_DIR: w.op.dataDir, PORT: port });
  t.teardown(() => again.stop());
  t.is(again.url, w.op.url);
  t.deepEqual(await (await fetch(`${again.url}/jwks`)).json(), jwksBefore);
  await t.notThrowsAsync(
    jwtVerify(tokens.id_token as string, createRemoteJWKSet(new URL(`${again.url}/jwks`)), {
      issuer: again.url,
      audience: w.web.client_id,
    }),
  );
  const rp2 = await relyingParty(again.url, w.web);
  const refreshed = await oidc.refreshTokenGrant(rp2, tokens.refresh_token as string);
  t.truthy(refreshed.access_token);
  // The browser session (cookie signed with the persisted secret) survives too: no login page.
  const second = await signIn(rp2, { redirectUri: WEB_REDIRECT, agent: signedIn.agent });
  t.truthy(second.callback.searchParams.get('code'));
});
