// How often one address may guess device user codes (RFC 8628 5.1): wrong codes lock the address the
// way wrong passwords lock an email (lockoutRule: LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW,
// LOGIN_MAX_BACKOFF). A user code has about 34 bits; with its 10 minutes of life and this lock, an
// address gets a few dozen guesses at it.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { lockoutRule } from './lockoutRule.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

export interface UserCodeThrottle {
  /** A refusal while the address is locked, without counting. */
  locked(address: string): Promise<Refusal | undefined>;
  /** Counts a wrong (unknown, expired or used) code from the address. */
  wrong(address: string): Promise<void>;
}

export function userCodeThrottle(limits: LimitStore, policy: ThrottlePolicy, now: () => number): UserCodeThrottle {
  const rule = lockoutRule(policy);
  return {
    async locked(address) {
      const at = now();
      const { lockedUntil } = await limits.peek(throttleKeys.userCodes(address), at);
      return lockedUntil > at ? refusal(lockedUntil - at) : undefined;
    },
    async wrong(address) {
      await limits.attempt(throttleKeys.userCodes(address), rule, now());
    },
  };
}
