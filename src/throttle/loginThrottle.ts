// Sign-in throttling, checked before any password is hashed: at most LOGIN_IP_LIMIT attempts per
// client address and minute, and per account (email) the lockout of lockoutRule, which failures
// feed. A locked email is refused without hashing; the right password clears its count. An email
// with no account is counted the same way, so the answers never tell the two apart. (Counting
// failures rather than attempts lets one account sign in from several browsers at once; a burst of
// parallel guesses only moves the lock schedule on faster, and the per-address limit and the
// bounded hashing queue hold it.)
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { lockoutRule } from './lockoutRule.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

const MINUTE_MS = 60_000;

export interface LoginThrottle {
  /** Counts a sign-in attempt for its address; a refusal when the address or the email must wait. */
  admit(email: string, address: string): Promise<Refusal | undefined>;
  /** The password was wrong (or the email unknown): counts towards the email's lock. */
  failed(email: string): Promise<void>;
  /** The password was right: the email's count starts again. */
  succeeded(email: string): Promise<void>;
}

export function loginThrottle(limits: LimitStore, policy: ThrottlePolicy, now: () => number): LoginThrottle {
  const rule = lockoutRule(policy);
  return {
    async admit(email, address) {
      const at = now();
      const perAddress = await limits.count(throttleKeys.address(address), MINUTE_MS, at);
      if (perAddress.count > policy.perAddressPerMinute) return refusal(perAddress.resetAt - at);
      const { lockedUntil } = await limits.peek(throttleKeys.account(email), at);
      return lockedUntil > at ? refusal(lockedUntil - at) : undefined;
    },
    async failed(email) {
      await limits.attempt(throttleKeys.account(email), rule, now());
    },
    async succeeded(email) {
      await limits.reset(throttleKeys.account(email));
    },
  };
}
