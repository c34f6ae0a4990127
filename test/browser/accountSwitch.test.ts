// Signing in as someone else in the same browser (prompt=login) completes in Chromium, on both
// stores: the provider ends the first account's session (revoking what it held, as logout does)
// and carries on with the sign-in that was in flight, which must survive that revocation.
import test from 'ava';
import { decodeJwt } from 'jose';
import { admin } from '../helpers/admin.js';
import { chromiumForFile, stubOrigin } from '../helpers/browser.js';
import { postForm } from '../helpers/postForm.js';
import { type RedisServer, startRedisServer } from '../helpers/redisServer.js';
import { world } from '../helpers/world.js';
import { answerConsent, logIn, signInAndAllow } from './signInSteps.js';
import { atWebCallback, WEB_ORIGIN, webAppRequest } from './webApp.js';

const openTab = chromiumForFile(test);
const GRACE = { email: 'grace@example.com', password: 'another fine passphrase' };
let redis: RedisServer;
test.before(async () => {
  redis = await startRedisServer();
});
test.after.always(() => redis?.stop());

for (const store of ['embedded', 'redis'] as const) {
  test(`${store}: prompt=login with another account in the same browser signs that account in`, async (t) => {
    const w = await world(store === 'redis' ? { REDIS_URL: redis.url } : {});
    t.teardown(() => w.op.stop());
    await admin(w.op.store, 'user', 'add', '--email', GRACE.email, '--password', GRACE.password);
    const tab = await openTab(t);
    const { page, context } = tab;
    await stubOrigin(context, WEB_ORIGIN);

    const first = await webAppRequest(w, 'openid email offline_access');
    await signInAndAllow(page, first.url);
    await page.waitForURL(atWebCallback);
    const ada = await first.redeem(page.url());

    const second = await webAppRequest(w, 'openid email');
    await page.goto(`${second.url}&prompt=login`);
    await logIn(page, GRACE.email, GRACE.password);
    await answerConsent(page, 'Allow');
    await page.waitForURL(atWebCallback);
    const grace = await second.redeem(page.url());

    t.is(decodeJwt(grace.id_token as string).email, GRACE.email);
    t.not(decodeJwt(grace.id_token as string).sub, decodeJwt(ada.id_token as string).sub);
    t.deepEqual(tab.errors(), []);
    const refresh = await postForm(
      w.op.url,
      '/token',
      { grant_type: 'refresh_token', refresh_token: ada.refresh_token as string },
      w.web,
    );
    t.is(refresh.status, 400, "the first account's session ended, and with it what it held");
  });
}
