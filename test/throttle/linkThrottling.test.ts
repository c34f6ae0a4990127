// Mail links are throttled like passwords, on the embedded store and on Redis: at most 3 reset
// mails per email in 15 minutes (an unknown email answers alike), and per client address at most
// LOGIN_IP_LIMIT link requests and link tries a minute. The clock is injected: time moves, nobody
// waits.
import { randomBytes } from 'node:crypto';
import test from 'ava';
import { redisForFile, STORES, storeSettings } from '../helpers/fastRun.js';
import { manualClock } from '../helpers/manualClock.js';
import { openLoginPage, relyingParty } from '../helpers/relyingParty.js';
import { startSmtpServer } from '../helpers/smtpServer.js';
import { asPage as page } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const redis = redisForFile(test);

for (const store of STORES) {
  const backend = (): Record<string, string> => storeSettings(store, redis);

  test(`${store}: a 4th reset request for one email within 15 minutes is refused, known or not, until time passes`, async (t) => {
    const inbox = await startSmtpServer();
    t.teardown(() => inbox.stop());
    const clock = manualClock();
    const w = await world({ SMTP_URL: inbox.url, ...backend() }, { clock: clock.now });
    t.teardown(() => w.op.stop());
    const rp = await relyingParty(w.op.url, w.web);
    const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
    const forgot = page(
      await agent.navigate(`${w.op.url}/interaction/${/interaction\/([^/]+)\//.exec(login.html)?.[1]}/forgot`),
    );
    const ask = async (email: string) => page(await agent.submit(forgot, '/forgot', { email }));

    for (const email of [ADA.email, 'nobody@example.com']) {
      for (let i = 0; i < 3; i += 1) t.is((await ask(email)).status, 200, `${email} request ${i + 1}`);
      const refused = await ask(email);
      t.is(refused.status, 429, `${email}: the 4th is refused`);
      t.regex(refused.html, /Too many attempts; try again in 15 minutes\./);
      t.is(refused.headers.get('retry-after'), '900');
    }
    await inbox.next(ADA.email, 3);
    t.is(inbox.to(ADA.email).length, 3, 'three mails, no more');
    t.true(
      w.op.auditLines.some((line) => line.event === 'password_reset.requested' && line.reason === 'too_many_attempts'),
    );

    clock.advance(15 * 60_000 + 1000);
    t.is((await ask(ADA.email)).status, 200, 'allowed again once the window has passed');
    await inbox.next(ADA.email, 4);
  });

  test(`${store}: one address tries at most LOGIN_IP_LIMIT links a minute`, async (t) => {
    const clock = manualClock();
    const w = await world({ LOGIN_IP_LIMIT: '5', ...backend() }, { clock: clock.now });
    t.teardown(() => w.op.stop());
    const guess = () => fetch(`${w.op.url}/reset-password?token=${randomBytes(32).toString('base64url')}`);
    for (let i = 0; i < 5; i += 1) t.is((await guess()).status, 400, `guess ${i + 1}: this link does not work`);
    const refused = await guess();
    t.is(refused.status, 429);
    t.regex(await refused.text(), /Too many attempts/);
    t.is((await fetch(`${w.op.url}/verify-email?token=x`)).status, 429, 'verification links share the count');
    clock.advance(61_000);
    t.is((await guess()).status, 400, 'a minute later the address may try again');
  });
}
