// A copy of the store hands over no usable token, on the embedded store and on Redis: after a
// login (codes, interactions, a session), a code exchange, a refresh and a client-credentials
// token, every value a client or browser was given is searched for in every row, key and value,
// and found nowhere. A store written before hashing keeps working: its tokens are still read.
import { randomBytes } from 'node:crypto';
import test from 'ava';
import * as oidc from 'openid-client';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createSealer } from '../../src/secrets/createSealer.js';
import { masterSecrets } from '../../src/secrets/masterSecrets.js';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import { createRedisStoreFromUrl } from '../../src/store/redis/createRedisStoreFromUrl.js';
import type { Store } from '../../src/store/Store.js';
import { sealedStore } from '../../src/store/sealed/sealedStore.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { freePort } from '../helpers/freePort.js';
import { postForm } from '../helpers/postForm.js';
import { authorizationUrl, exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { dumpEmbedded, dumpRedis } from '../helpers/storeDump.js';
import { tempDir } from '../helpers/tempDir.js';
import { isPage } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, type World, world } from '../helpers/world.js';

const redis = redisForFile(test);

/** Signs Ada in through the pages, keeping every value the browser and the client were handed. */
async function everythingHandedOut(w: World) {
  const rp = await relyingParty(w.op.url, w.web);
  const verifier = oidc.randomPKCECodeVerifier();
  const { agent, page } = await openLoginPage(rp, {
    redirect_uri: WEB_REDIRECT,
    scope: 'openid email offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    state: 'st',
  });
  const interactions = [page.url.split('/interaction/')[1] as string];
  const consent = await agent.submit(page, '/login', { email: ADA.email, password: ADA.password });
  if (!isPage(consent)) throw new Error('expected the consent page');
  interactions.push(consent.url.split('/interaction/')[1] as string);
  const back = await agent.submit(consent, '/confirm');
  if (isPage(back)) throw new Error('expected the redirect to the client');
  const callback = new URL(back.redirect);
  const session = /(?:^|; )_session=([^;]+)/.exec(agent.jar.header())?.[1];
  const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: 'st' });
  const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
  const userinfo = await fetch(`${w.op.url}/me`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
  if (userinfo.status !== 200) throw new Error('the access token is not usable');
  const service = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, w.service);
  const serviceToken = ((await service.json()) as { access_token: string }).access_token;
  return {
    code: callback.searchParams.get('code') as string,
    interactions,
    session: session as string,
    accessTokens: [tokens.access_token, refreshed.access_token],
    refreshTokens: [tokens.refresh_token as string, refreshed.refresh_token as string],
    serviceToken,
  };
}

for (const store of STORES) {
  test(`${store}: no code, token, session id or interaction id handed out appears anywhere in the store`, async (t) => {
    const prefix = `h${randomBytes(4).toString('hex')}:`;
    const w = await world(store === 'redis' ? { REDIS_URL: redis().url, REDIS_PREFIX: prefix } : {});
    t.teardown(() => w.op.stop());
    const handedOut = await everythingHandedOut(w);
    const values = [
      handedOut.code,
      ...handedOut.interactions,
      handedOut.session,
      ...handedOut.accessTokens,
      ...handedOut.refreshTokens,
      handedOut.serviceToken,
    ];
    t.is(values.filter(Boolean).length, 9, 'every value was handed out');
    const dump = (store === 'redis' ? await dumpRedis(redis().port, prefix) : dumpEmbedded(w.op.dataDir)).join('\n');
    t.true(dump.includes('"accountId"') && dump.includes('refresh_token'), 'the dump holds the grants and tokens');
    for (const value of values) t.false(dump.includes(value), `${value.slice(0, 12)}... is not in the store`);
  });
}

/** The store as a version before hashing wrote it: sealed, but artifacts under their raw ids. */
async function storeBeforeHashing(settings: Record<string, string>): Promise<Store> {
  const config = loadConfig(settings);
  const sealer = createSealer(masterSecrets(config).secrets);
  const backend = config.redisUrl
    ? await createRedisStoreFromUrl(config.redisUrl, config.redisPrefix)
    : createEmbeddedStore(config.dataDir);
  return sealedStore(backend, sealer);
}

for (const store of STORES) {
  test(`${store}: a store written before hashing keeps its sessions and refresh tokens working`, async (t) => {
    const prefix = `l${randomBytes(4).toString('hex')}:`;
    const settings = {
      PORT: String(await freePort()),
      DATA_DIR: tempDir('legacy'),
      OSTIARY_SECRET: randomBytes(32).toString('base64url'),
      ...(store === 'redis' ? { REDIS_URL: redis().url, REDIS_PREFIX: prefix } : {}),
    };
    const dump = async () =>
      (store === 'redis' ? await dumpRedis(redis().port, prefix) : dumpEmbedded(settings.DATA_DIR)).join('\n');

    // The version before: a sign-in leaves its session and refresh token under their raw ids.
    const before = await startOstiary(settings, { store: await storeBeforeHashing(settings) });
    await admin(before.store, 'user', 'add', '--email', ADA.email, '--password', ADA.password);
    const web = await admin<RegisteredClient>(
      before.store,
      ...['client', 'add', '--name', 'web', '--redirect-uri', WEB_REDIRECT, '--first-party'],
    );
    const signedIn = await signIn(await relyingParty(before.url, web), { redirectUri: WEB_REDIRECT });
    const tokens = await exchange(await relyingParty(before.url, web), signedIn);
    t.true((await dump()).includes(tokens.refresh_token as string), 'the old store holds the raw token');
    await before.stop();

    // This version on the same store.
    const op = await startOstiary(settings);
    t.teardown(() => op.stop());
    const rp = await relyingParty(op.url, web);
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token as string);
    t.truthy(refreshed.access_token, 'the refresh token issued before still works');
    const again = await signedIn.agent.navigate(await authorizationUrl(rp, WEB_REDIRECT));
    t.false(isPage(again), 'the browser session from before still signs in without a password');
    if (!isPage(again)) t.truthy(new URL(again.redirect).searchParams.get('code'));
    t.false((await dump()).includes(refreshed.refresh_token as string), 'what it issues now is hashed');
  });
}
