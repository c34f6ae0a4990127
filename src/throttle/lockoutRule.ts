// The lockout a ThrottlePolicy describes: after `failureLimit` attempts within the window, each
// further attempt locks the key for twice as long as the one before, from 1 second up to
// LOGIN_MAX_BACKOFF. At the defaults (5, 15 minutes, 15 minutes) a guesser gets 5 tries, then 1 a
// second, 2, 4, ... and finally one every 15 minutes (about 100 a day) for as long as it keeps on.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LockoutRule } from '../store/Store.js';

const FIRST_LOCK_MS = 1000;

export function lockoutRule(policy: ThrottlePolicy): LockoutRule {
  const maxMs = policy.maxBackoff * 1000;
  const locksMs: number[] = [];
  for (let lock = FIRST_LOCK_MS; lock < maxMs; lock *= 2) locksMs.push(lock);
  locksMs.push(maxMs);
  return { limit: policy.failureLimit, windowMs: policy.failureWindow * 1000, locksMs };
}
