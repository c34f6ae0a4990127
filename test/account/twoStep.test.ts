// Two-step sign-in with an authenticator app, on the embedded store and on Redis: turned on from the
// account page (proved with a first code), asked for at every sign-in after the password, with
// `amr` pwd otp mfa and the MFA acr in the ID token; a code works once, recovery codes once each,
// wrong codes lock the second step like wrong passwords, and `user mfa reset` turns it off. Codes
// are computed in the test from the key the page shows, on an injected clock.
import test from 'ava';
import { ACR_MFA, ACR_PASSWORD } from '../../src/accounts/authentication.js';
import { totpCode } from '../../src/accounts/totp.js';
import { admin, adminAudit } from '../helpers/admin.js';
import { redisForFile, STORES, storeSettings } from '../helpers/fastRun.js';
import { manualClock } from '../helpers/manualClock.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, type Page, asPage as page, textOf as text, UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const redis = redisForFile(test);

/** Past the second step: on to consent, or back to the client. */
const past = (step: Page | { redirect: string }) => !isPage(step) || !step.html.includes('/second-factor"');

for (const store of STORES) {
  async function setUp(t: import('ava').ExecutionContext) {
    const clock = manualClock();
    const backend = storeSettings(store, redis);
    const w = await world(backend, { clock: clock.now });
    t.teardown(() => w.op.stop());
    // Ada turns it on from her account page.
    const agent = new UserAgent(new URL(w.op.url).origin);
    const login = page(await agent.navigate(`${w.op.url}/account`));
    page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    const setup = page(await agent.navigate(`${w.op.url}/account/totp`));
    const secret = /name="secret" value="([A-Z2-7]{32})"/.exec(setup.html)?.[1] ?? '';
    t.regex(setup.html, /<svg class="qr"/);
    const wrong = page(await agent.submit(setup, '/account/totp', { code: '000000' }));
    t.is(wrong.status, 400, 'a wrong first code turns nothing on');
    const done = page(await agent.submit(wrong, '/account/totp', { code: totpCode(secret, clock.now()) }));
    const codes = [...done.html.matchAll(/<code>([A-Z2-7-]{24})<\/code>/g)].map((match) => match[1] ?? '');
    t.is(codes.length, 10, 'ten recovery codes, shown once');
    t.false(JSON.stringify(await w.op.store.accounts.findByEmail(ADA.email)).includes(codes[0] ?? '-'));
    clock.advance(60_000); // the enrolment code's step is over
    return { w, clock, secret, codes, rp: await relyingParty(w.op.url, w.web) };
  }

  /** Password, then the second step with `answer`; the page it stops on, or the callback. */
  async function signInWith(rp: Awaited<ReturnType<typeof relyingParty>>, answer: Record<string, string>) {
    const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
    const second = page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    return { agent, second, after: await agent.submit(second, '/second-factor', answer) };
  }

  test(`${store}: after the password a code is asked; the ID token says pwd otp mfa; a code works once`, async (t) => {
    const { w, clock, secret, rp } = await setUp(t);
    const code = totpCode(secret, clock.now());
    const signedIn = await signIn(rp, { redirectUri: WEB_REDIRECT, secondFactor: () => code });
    const claims = (await exchange(rp, signedIn)).claims();
    t.deepEqual(claims?.amr, ['pwd', 'otp', 'mfa']);
    t.is(claims?.acr, ACR_MFA);

    const replayed = await signInWith(rp, { code });
    t.regex(text(replayed.second.html), /Two-step sign-in Enter the 6-digit code/, 'a new browser is asked too');
    t.is(page(replayed.after).status, 401, 'the same code again is refused');
    t.regex(text(page(replayed.after).html), /not right, or was already used/);

    clock.advance(30_000);
    t.true(past((await signInWith(rp, { code: totpCode(secret, clock.now()) })).after), 'the next code works');
    t.true(w.op.auditLines.some((line) => line.event === 'login.second_factor' && line.outcome === 'success'));
    t.true(w.op.auditLines.some((line) => line.event === 'login.second_factor' && line.reason === 'invalid_code'));
  });

  test(`${store}: max_age=0 asks again for both steps, not only the password`, async (t) => {
    const { clock, secret, rp } = await setUp(t);
    let codesAsked = 0;
    const code = () => {
      codesAsked += 1;
      return totpCode(secret, clock.now());
    };
    const first = await signIn(rp, { redirectUri: WEB_REDIRECT, secondFactor: code });
    await exchange(rp, first);
    t.is(codesAsked, 1);

    // The same browser: its session answers at once...
    const again = await signIn(rp, { redirectUri: WEB_REDIRECT, agent: first.agent, secondFactor: code });
    t.is(codesAsked, 1, 'a live session is not asked again');
    await exchange(rp, again);

    // ...unless the request wants a sign-in younger than its max_age: then both steps again.
    clock.advance(30_000); // the first code's step is spent
    // auth_time is oidc-provider's, in whole seconds of real time: one second on, a new sign-in shows.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = Math.floor(Date.now() / 1000);
    const fresh = await signIn(rp, {
      redirectUri: WEB_REDIRECT,
      agent: first.agent,
      secondFactor: code,
      extra: { max_age: '0' },
    });
    t.is(codesAsked, 2, 'the code was asked for again');
    const freshClaims = (await exchange(rp, fresh)).claims();
    t.deepEqual(freshClaims?.amr, ['pwd', 'otp', 'mfa']);
    t.true(Number(freshClaims?.auth_time) >= before, 'a new sign-in');
  });

  test(`${store}: a recovery code signs in once; wrong codes lock the second step until time passes`, async (t) => {
    const { w, clock, codes, rp, secret } = await setUp(t);
    const first = await signInWith(rp, { recovery: (codes[0] ?? '').toLowerCase() });
    t.true(past(first.after), 'a recovery code, in any letter case, goes on');
    t.like((await w.op.store.accounts.findByEmail(ADA.email))?.factors, { recoveryCodes: { length: 9 } });
    t.is(page((await signInWith(rp, { recovery: codes[0] ?? '' })).after).status, 401, 'used once only');

    const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
    let second = page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    for (let i = 0; i < 5; i += 1) second = page(await agent.submit(second, '/second-factor', { code: '000000' }));
    const locked = page(await agent.submit(second, '/second-factor', { code: totpCode(secret, clock.now()) }));
    t.is(locked.status, 429, 'locked: even the right code waits');
    t.regex(text(locked.html), /Too many attempts/);
    clock.advance(16 * 60_000);
    const after = await agent.submit(locked, '/second-factor', { code: totpCode(secret, clock.now()) });
    t.true(past(after), 'the lock passed');
  });

  test(`${store}: user mfa reset lets the account sign in with its password alone again (amr pwd)`, async (t) => {
    const { w, rp, clock } = await setUp(t);
    // And a passkey (its record as the account keeps it: reset removes passkeys too).
    const ada = await w.op.store.accounts.findByEmail(ADA.email);
    const passkey = {
      id: 'cred-1',
      publicKey: 'pk',
      counter: 3,
      name: 'Work laptop',
      createdAt: clock.now(),
      backedUp: true,
    };
    await w.op.store.accounts.update(ada?.accountId ?? '', { factors: { ...ada?.factors, passkeys: [passkey] } });
    const shown = await admin(w.op.store, 'user', 'show', ADA.email);
    t.deepEqual(shown.factors, {
      totp: true,
      recoveryCodesLeft: 10,
      passkeys: [
        { name: 'Work laptop', createdAt: new Date(clock.now()).toISOString(), lastUsedAt: null, synced: true },
      ],
    });
    t.false(JSON.stringify(shown).includes('secret'));
    t.false(JSON.stringify(shown).includes('cred-1'), 'no credential id or key either');
    await admin(w.op.store, 'user', 'mfa', 'reset', ADA.email);
    const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
    t.deepEqual(tokens.claims()?.amr, ['pwd']);
    t.is(tokens.claims()?.acr, ACR_PASSWORD);
    const account = await w.op.store.accounts.findByEmail(ADA.email);
    t.is(account?.factors, undefined, 'no app, no passkey, no recovery code left');
    t.true(adminAudit.some((line) => line.event === 'account.mfa_reset' && line.accountId === account?.accountId));
  });
}
