// When a second factor is asked beyond "the account has one": a client registered with
// --require-mfa, or a request whose acr_values name the MFA level, gets no code for a password-only
// session. The person is asked for their code (not their password again); an account without a
// second factor is told to set one up; prompt=none gets login_required.
import test from 'ava';
import { ACR_MFA } from '../../src/accounts/authentication.js';
import { totpCode } from '../../src/accounts/totp.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { manualClock } from '../helpers/manualClock.js';
import { authorizationUrl, exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, type Page, textOf as text } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function setUp(t: import('ava').ExecutionContext) {
  const clock = manualClock();
  const w = await world({}, { clock: clock.now });
  t.teardown(() => w.op.stop());
  const strict = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Strict App', '--redirect-uri', WEB_REDIRECT, '--require-mfa'],
  );
  t.true(strict.require_mfa as boolean);
  const rp = await relyingParty(w.op.url, w.web);
  // Ada signs in with her password alone, then turns two-step sign-in on.
  const first = await signIn(rp, { redirectUri: WEB_REDIRECT });
  await exchange(rp, first);
  const ada = await w.op.store.accounts.findByEmail(ADA.email);
  await w.op.store.accounts.update(ada?.accountId ?? '', {
    factors: { totp: { secret: SECRET, enrolledAt: clock.now() } },
  });
  return { w, clock, rp, strict: await relyingParty(w.op.url, strict), agent: first.agent };
}

for (const [name, client, extra] of [
  ['a client registered with --require-mfa', 'strict', {}],
  ['acr_values naming the MFA level', 'web', { acr_values: ACR_MFA }],
] as const) {
  test(`${name}: a password-only session is asked for the code, not the password, before a code is issued`, async (t) => {
    const { clock, rp, strict, agent } = await setUp(t);
    const target = client === 'strict' ? strict : rp;
    const page = await agent.navigate(await authorizationUrl(target, WEB_REDIRECT, { ...extra }));
    if (!isPage(page)) return t.fail(`a code went out without the second step: ${page.redirect}`);
    t.regex(text(page.html), /Two-step sign-in Enter the 6-digit code/);
    t.notRegex(page.html, /name="password"/, 'the password is not asked again');
    const signedIn = await signIn(target, {
      redirectUri: WEB_REDIRECT,
      agent,
      extra: { ...extra },
      secondFactor: () => totpCode(SECRET, clock.now()),
    });
    const claims = (await exchange(target, signedIn)).claims();
    t.deepEqual(claims?.amr, ['pwd', 'otp', 'mfa']);
    t.is(claims?.acr, ACR_MFA);
  });
}

test('prompt=none for a client that requires MFA, with a password-only session, gets login_required', async (t) => {
  const { strict, agent } = await setUp(t);
  const answer = await agent.navigate(await authorizationUrl(strict, WEB_REDIRECT, { prompt: 'none' }));
  if (isPage(answer)) return t.fail('expected a redirect to the client');
  t.is(new URL(answer.redirect).searchParams.get('error'), 'login_required');
});

test('an account without a second factor is told to set one up, and the client gets no code', async (t) => {
  const { w, strict } = await setUp(t);
  await admin(w.op.store, 'user', 'add', '--email', 'grace@example.com', '--password', 'a compiler is a fine thing');
  const refused = await signIn(strict, {
    redirectUri: WEB_REDIRECT,
    email: 'grace@example.com',
    password: 'a compiler is a fine thing',
  }).catch((error: Error) => error.message);
  t.regex(String(refused), /Two-step sign-in required .*Strict App lets you in only with two-step sign-in/);
});

test('client update --no-require-mfa lets a password sign-in through again', async (t) => {
  const { w, strict, agent } = await setUp(t);
  const clientId = strict.clientMetadata().client_id;
  const updated = await admin(w.op.store, 'client', 'update', clientId, '--no-require-mfa');
  t.false('require_mfa' in updated);
  const answer: Page | { redirect: string } = await agent.navigate(await authorizationUrl(strict, WEB_REDIRECT));
  t.false(isPage(answer) && answer.html.includes('/second-factor"'), 'no second step asked');
});
