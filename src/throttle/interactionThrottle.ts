// At most LOGIN_IP_LIMIT new sign-ins (interactions) per client address and minute. Each one is
// stored until INTERACTION_TTL, so without a bound anonymous requests to /auth would fill the
// store. A request is counted before it runs and given back when it started none (a signed-in
// browser sent straight back to its client), so only sign-ins count.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

const MINUTE_MS = 60_000;

export interface InteractionThrottle {
  /** Counts a request that may start a sign-in; a refusal when the address must wait. */
  admit(address: string): Promise<Refusal | undefined>;
  /** The request started no sign-in after all. */
  giveBack(address: string): Promise<void>;
}

export function interactionThrottle(
  limits: LimitStore,
  policy: ThrottlePolicy,
  now: () => number,
): InteractionThrottle {
  return {
    async admit(address) {
      const at = now();
      const { count, resetAt } = await limits.count(throttleKeys.interactions(address), MINUTE_MS, at);
      return count > policy.perAddressPerMinute ? refusal(resetAt - at) : undefined;
    },
    async giveBack(address) {
      await limits.count(throttleKeys.interactions(address), MINUTE_MS, now(), -1);
    },
  };
}
