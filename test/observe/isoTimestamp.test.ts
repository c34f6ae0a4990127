import test from 'ava';
import { isoTimestamp } from '../../src/observe/isoTimestamp.js';

const time = (fragment: string) => (JSON.parse(`{"x":0${fragment}}`) as { time: string }).time;

test("each line's time is the ISO instant to the millisecond, across seconds, minutes and days", (t) => {
  let now = 0;
  const stamp = isoTimestamp(() => now);
  for (const at of [
    Date.UTC(2026, 10, 30, 12, 0, 0, 0),
    Date.UTC(2026, 10, 30, 12, 0, 0, 7),
    Date.UTC(2026, 10, 30, 12, 0, 0, 999),
    Date.UTC(2026, 10, 30, 12, 0, 1, 0),
    Date.UTC(2026, 10, 30, 12, 0, 1, 45),
    Date.UTC(2026, 10, 30, 23, 59, 59, 999),
    Date.UTC(2026, 11, 1, 0, 0, 0, 1),
    Date.UTC(2026, 10, 30, 12, 0, 0, 500), // the clock stepped back
  ]) {
    now = at;
    t.is(time(stamp()), new Date(at).toISOString());
  }
});

test('the fragment is what pino expects of a timestamp function', (t) => {
  t.regex(isoTimestamp()(), /^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
});
