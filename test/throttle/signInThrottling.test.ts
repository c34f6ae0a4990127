// Sign-in throttling, black-box through the login page, on the embedded store and on Redis: the
// lock per email after LOGIN_FAILURE_LIMIT failures (doubling, refused without hashing), the limit
// per client address, the same answers for an unknown email, unlocking, counters shared by
// instances, and the bounded hashing queue. Time is a clock the test moves.
import { randomBytes } from 'node:crypto';
import test from 'ava';
import { admin } from '../helpers/admin.js';
import { redisForFile, redisTest, STORES, storeSettings } from '../helpers/fastRun.js';
import { manualClock } from '../helpers/manualClock.js';
import { openLoginPage, relyingParty } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { isPage, type Page, type UserAgent } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const redis = redisForFile(test);

/** A clock that stands still until the test moves it. */

const alertOf = (page: Page) => /id="login-error">([^<]*)</.exec(page.html)?.[1];
/** Past the login page: the consent page or straight back to the client. */
const signedIn = (answer: Page | { redirect: string }) => !isPage(answer) || !answer.html.includes('/login"');

/** One browser on one login page, submitting again and again (as a guesser does). */
async function loginForm(url: string, client: Parameters<typeof relyingParty>[1]) {
  const rp = await relyingParty(url, client);
  let { agent, page } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  return {
    agent: agent as UserAgent,
    async submit(email: string, password: string) {
      const next = await agent.submit(page, '/login', { email, password });
      if (isPage(next) && next.html.includes('/login"')) page = next;
      return next;
    },
  };
}

for (const store of STORES) {
  /** A fresh store each time: SQLite in a new DATA_DIR, or a new key prefix on the test's Redis. */
  const settingsFor = (): Record<string, string> => storeSettings(store, redis);

  test(`${store}: after 5 wrong passwords an email is locked; 30 rapid ones and then the right one are all refused until the lock passes`, async (t) => {
    const clock = manualClock();
    const w = await world(settingsFor(), { clock: clock.now });
    t.teardown(() => w.op.stop());
    const form = await loginForm(w.op.url, w.web);
    const answers: Page[] = [];
    for (let i = 0; i < 30; i += 1) answers.push((await form.submit(ADA.email, `wrong guess ${i}`)) as Page);
    t.deepEqual(
      answers.map((page) => page.status),
      [...Array(5).fill(401), ...Array(25).fill(429)],
    );
    const right = await form.submit(ADA.email, ADA.password);
    if (!isPage(right)) return t.fail('the right password got through a lock');
    t.is(right.status, 429);
    t.is(alertOf(right), 'Too many attempts; try again in 1 second.');
    t.is(right.headers.get('retry-after'), '1');

    clock.advance(1000);
    t.true(signedIn(await form.submit(ADA.email, ADA.password)), 'signed in once the lock has passed');

    // The right password cleared the count: four wrong ones are answered 401 again, not 429.
    const again = await loginForm(w.op.url, w.web);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push(((await again.submit(ADA.email, 'wrong')) as Page).status);
    t.deepEqual(statuses, [401, 401, 401, 401]);
  });

  test(`${store}: locks double from 1 second, and an unknown email gets exactly the answers a known one gets`, async (t) => {
    const clock = manualClock();
    const w = await world(settingsFor(), { clock: clock.now });
    t.teardown(() => w.op.stop());
    const run = async (email: string) => {
      const form = await loginForm(w.op.url, w.web);
      const seen: string[] = [];
      const start = clock.now();
      for (let i = 0; i < 8; i += 1) {
        const page = (await form.submit(email, 'wrong password')) as Page;
        seen.push(`${page.status} ${page.headers.get('retry-after') ?? '-'} ${alertOf(page)}`);
        const wait = Number(page.headers.get('retry-after') ?? 0);
        if (wait) clock.advance(wait * 1000);
      }
      clock.advance(16 * 60 * 1000 - (clock.now() - start)); // both runs start from a forgotten count
      return seen;
    };
    const known = await run(ADA.email);
    const unknown = await run('nobody-here@example.com');
    t.deepEqual(unknown, known);
    t.deepEqual(
      known.map((line) => line.split(' ').slice(0, 2).join(' ')),
      ['401 -', '401 -', '401 -', '401 -', '401 -', '429 1', '401 -', '429 2'],
      'after the fifth failure: locked 1 s, one more try, locked 2 s',
    );
  });

  test(`${store}: one client address gets LOGIN_IP_LIMIT attempts a minute across emails`, async (t) => {
    const clock = manualClock();
    const w = await world({ ...settingsFor(), LOGIN_IP_LIMIT: '6' }, { clock: clock.now });
    t.teardown(() => w.op.stop());
    const form = await loginForm(w.op.url, w.web);
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push(((await form.submit(`person${i}@example.com`, 'wrong')) as Page).status);
    t.deepEqual(statuses, [401, 401, 401, 401, 401, 401]);
    const refused = (await form.submit(ADA.email, ADA.password)) as Page;
    t.is(refused.status, 429);
    t.is(alertOf(refused), 'Too many attempts; try again in 1 minute.');
    t.is(refused.headers.get('retry-after'), '60');
    // Now known to be over its limit, the address is refused before any work, with the same answer.
    const again = (await form.submit(ADA.email, ADA.password)) as Page;
    t.deepEqual([again.status, alertOf(again), again.headers.get('retry-after')], [429, alertOf(refused), '60']);
    t.true(again.html.includes('/login"'), 'the page still lets the person try again later');
    clock.advance(60_000);
    t.true(signedIn(await form.submit(ADA.email, ADA.password)), 'a new minute, a new count');
  });

  test(`${store}: ostiary user unlock lets a locked email sign in at once`, async (t) => {
    const w = await world(settingsFor(), { clock: manualClock().now });
    t.teardown(() => w.op.stop());
    const form = await loginForm(w.op.url, w.web);
    for (let i = 0; i < 6; i += 1) await form.submit(ADA.email, 'wrong');
    t.is(((await form.submit(ADA.email, ADA.password)) as Page).status, 429);
    t.like(await admin(w.op.store, 'user', 'unlock', 'ADA@example.com'), { unlocked: true });
    t.true(signedIn(await form.submit(ADA.email, ADA.password)));
  });
}

test('behind a trusted proxy the address is the last X-Forwarded-For entry; entries a client adds first do not count', async (t) => {
  const w = await world({ TRUST_PROXY: 'true', LOGIN_IP_LIMIT: '2' }, { clock: manualClock().now });
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const { agent, page } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  const attempt = async (forwardedFor: string) => {
    const answer = await agent.submit(
      page,
      '/login',
      { email: 'x@example.com', password: 'wrong' },
      {
        'x-forwarded-for': forwardedFor,
      },
    );
    return (answer as Page).status;
  };
  t.is(await attempt('10.0.0.1, 203.0.113.7'), 401);
  t.is(await attempt('10.0.0.2, 203.0.113.7'), 401, 'a client that changes what it puts first is still one address');
  t.is(await attempt('10.0.0.3, 203.0.113.7'), 429);
  t.is(await attempt('10.0.0.3, 203.0.113.7'), 429, 'refused at once, the same way');
  t.is(await attempt('203.0.113.8'), 401, 'another address counts on its own');
});

redisTest('redis: two instances share the counts: failures on one lock the email on the other', async (t) => {
  const settings = {
    REDIS_URL: redis().url,
    REDIS_PREFIX: `shared${randomBytes(4).toString('hex')}:`,
    OSTIARY_SECRET: randomBytes(32).toString('base64url'),
  };
  const w = await world(settings);
  const other = await startOstiary(settings);
  t.teardown(async () => {
    await Promise.all([w.op.stop(), other.stop()]);
  });
  const onFirst = await loginForm(w.op.url, w.web);
  for (let i = 0; i < 5; i += 1) t.is(((await onFirst.submit(ADA.email, 'wrong')) as Page).status, 401);
  const onSecond = await loginForm(other.url, w.web);
  t.is(((await onSecond.submit(ADA.email, ADA.password)) as Page).status, 429);
});

test('when the hashing queue is full a sign-in is refused at once with 503, never left waiting', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const forms = await Promise.all(Array.from({ length: 40 }, () => loginForm(w.op.url, w.web)));
  const answers = (await Promise.all(
    forms.map((form, i) => form.submit(`someone${i}@example.com`, 'a wrong password')),
  )) as Page[];
  const busy = answers.filter((page) => page.status === 503);
  t.true(busy.length > 0, 'some were refused');
  t.true(answers.every((page) => page.status === 401 || page.status === 503));
  for (const page of busy) {
    t.is(page.headers.get('retry-after'), '1');
    t.regex(alertOf(page) ?? '', /try again in a moment/);
  }
});
