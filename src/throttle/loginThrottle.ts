// Sign-in throttling, checked before any password is hashed: at most LOGIN_IP_LIMIT attempts per
// client address and minute, and per account (email) the lockout of lockoutRule, which failures
// feed. A locked email is refused without hashing; the right password clears its count. An email
// with no account is counted the same way, so the answers never tell the two apart. (Counting
// failures rather than attempts lets one account sign in from several browsers at once; a burst of
// parallel guesses only moves the lock schedule on faster, and the per-address limit and the
// bounded hashing queue hold it.)
//
// An address over its limit stays refused until its window ends, so once the store has said so
// this instance remembers it (until then only) and refuses at once, without a store call: a flood
// of guesses from one address then costs almost nothing. Other instances learn it from the store.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { lockoutRule } from './lockoutRule.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

const MINUTE_MS = 60_000;
const REMEMBERED_ADDRESSES = 10_000; // refused addresses kept at once; the oldest goes first

export interface LoginThrottle {
  /** Counts a sign-in attempt for its address; a refusal when the address or the email must wait. */
  admit(email: string, address: string): Promise<Refusal | undefined>;
  /** A refusal this instance already knows the address has, without asking the store. */
  knownRefusal(address: string): Refusal | undefined;
  /** The password was wrong (or the email unknown): counts towards the email's lock. */
  failed(email: string): Promise<void>;
  /** The password was right: the email's count starts again. */
  succeeded(email: string): Promise<void>;
}

export function loginThrottle(limits: LimitStore, policy: ThrottlePolicy, now: () => number): LoginThrottle {
  const rule = lockoutRule(policy);
  const refusedUntil = new Map<string, number>();
  const knownRefusal = (address: string) => {
    const key = throttleKeys.address(address);
    const until = refusedUntil.get(key);
    if (until === undefined) return undefined;
    const at = now();
    if (until > at) return refusal(until - at);
    refusedUntil.delete(key);
    return undefined;
  };
  return {
    knownRefusal,
    async admit(email, address) {
      const known = knownRefusal(address);
      if (known) return known;
      const at = now();
      const key = throttleKeys.address(address);
      const perAddress = await limits.count(key, MINUTE_MS, at);
      if (perAddress.count > policy.perAddressPerMinute) {
        if (refusedUntil.size >= REMEMBERED_ADDRESSES) refusedUntil.delete(refusedUntil.keys().next().value as string);
        refusedUntil.set(key, perAddress.resetAt);
        return refusal(perAddress.resetAt - at);
      }
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
