// Consent is remembered beyond the browser session, on the embedded store and on Redis: a person
// who allowed a client some scopes is not asked again for the same or fewer, in another browser
// or after logging out; asking for more asks for what is new. An operator revoking the app's grant,
// or `user revoke`, forgets it, and the next sign-in asks again.
import test, { type ExecutionContext } from 'ava';
import { adminCaller } from '../admin/adminClient.js';
import { admin } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const redis = redisForFile(test);

for (const store of STORES) {
  async function setUp(t: ExecutionContext) {
    const backend: Record<string, string> =
      store === 'redis'
        ? { REDIS_URL: redis().url, REDIS_PREFIX: `c${Date.now()}${Math.random()}:`.replace('.', '') }
        : {};
    const w = await world(backend);
    t.teardown(() => w.op.stop());
    const rp = await relyingParty(w.op.url, w.web);
    const consents = () => w.op.auditLines.filter((line) => line.event === 'consent.granted').length;
    /** A sign-in in a fresh browser; whether the consent page was shown. */
    const signInAsked = async (scope: string) => {
      const before = consents();
      const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope }));
      return { asked: consents() > before, tokens };
    };
    return { w, rp, signInAsked };
  }

  test(`${store}: allowed once, not asked again for the same or fewer, in another browser`, async (t) => {
    const { signInAsked } = await setUp(t);
    t.true((await signInAsked('openid email')).asked, 'the first time, consent');
    const again = await signInAsked('openid email');
    t.false(again.asked, 'another browser, the same scopes: no question');
    t.is(again.tokens.scope, 'openid email');
    t.false((await signInAsked('openid')).asked, 'fewer: no question');
    t.true((await signInAsked('openid email profile')).asked, 'more: asked for what is new');
    t.false((await signInAsked('openid profile')).asked);
  });

  test(`${store}: an operator revoking the app's grant, or user revoke, forgets the consent`, async (t) => {
    const { w, signInAsked } = await setUp(t);
    await signInAsked('openid email');
    const ops = await adminCaller(w.op, 'admin:read admin:write');
    const ada = (await w.op.store.accounts.findByEmail(ADA.email))?.accountId;
    const { grants } = (await ops.call('GET', `/users/${ada}/grants`)).body;
    t.is(grants.length, 1);
    t.is((await ops.call('DELETE', `/users/${ada}/grants/${grants[0].grantId}`)).status, 204);
    t.true((await signInAsked('openid email')).asked, 'asked again');

    t.false((await signInAsked('openid email')).asked);
    await admin(w.op.store, 'user', 'revoke', ADA.email);
    t.true((await signInAsked('openid email')).asked, 'signed out everywhere: asked again');
  });
}
