import test from 'ava';
import { loadConfig } from '../../src/config/loadConfig.js';
import { slidingTtl, ttlPolicy } from '../../src/provider/ttlPolicy.js';

const DAY = 24 * 60 * 60;
const now = () => Math.floor(Date.now() / 1000);

test('a refresh token issued just after login lives the idle window', (t) => {
  t.is(slidingTtl(now(), 5 * DAY, 30 * DAY), 5 * DAY);
});

test('a rotation late in the grant is cut at the absolute cap counted from the login', (t) => {
  const loginTwentyEightDaysAgo = now() - 28 * DAY;
  const ttl = slidingTtl(loginTwentyEightDaysAgo, 5 * DAY, 30 * DAY);
  t.true(Math.abs(ttl - 2 * DAY) <= 1, String(ttl));
});

test('past the cap a token gets the least lifetime the store accepts, never a negative one', (t) => {
  t.is(slidingTtl(now() - 40 * DAY, 5 * DAY, 30 * DAY), 1);
});

test('the refresh token lifetime counts from authTime and the session from loginTs', (t) => {
  const policy = ttlPolicy(loadConfig({}).ttl);
  const refresh = policy.RefreshToken(
    undefined as never,
    { authTime: now() - 29 * DAY, iiat: now() } as never,
    undefined as never,
  );
  t.true(Math.abs(refresh - DAY) <= 1, String(refresh));
  const session = policy.Session(undefined as never, { loginTs: now() - 14 * DAY + 3600 } as never);
  t.true(Math.abs(session - 3600) <= 1, String(session));
  t.is(policy.Grant, 30 * DAY);
});
