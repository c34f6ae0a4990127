// Failed client authentication at the token, introspection and revocation endpoints locks the
// client_id by the same rule as sign-ins (lockoutRule). Unlike a sign-in, a token request is hot,
// so the lock state is read from the store at most once a second per client and instance, and a
// failure updates it at once: this instance refuses from the failure that locks, other instances
// within a second. Only failures are counted, and a success clears a count that is not zero.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { lockoutRule } from './lockoutRule.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

const STATE_MAX_AGE_MS = 1000;
const STATE_MAX_ENTRIES = 10_000;

export interface ClientAuthThrottle {
  /** A refusal while the client_id is locked. */
  check(clientId: string): Promise<Refusal | undefined>;
  /** A wrong secret: counts it, and may lock the client_id. */
  failed(clientId: string): Promise<void>;
  succeeded(clientId: string): Promise<void>;
}

interface State {
  readonly attempts: number;
  readonly lockedUntil: number;
  /** When this instance reads the store again. */
  readonly freshUntil: number;
}

export function clientAuthThrottle(limits: LimitStore, policy: ThrottlePolicy, now: () => number): ClientAuthThrottle {
  const rule = lockoutRule(policy);
  const states = new Map<string, State>();
  const remember = (clientId: string, attempts: number, lockedUntil: number, at: number) => {
    states.delete(clientId); // re-inserted last: the map's order is the order of reads
    if (states.size >= STATE_MAX_ENTRIES) states.delete(states.keys().next().value as string);
    states.set(clientId, { attempts, lockedUntil, freshUntil: at + STATE_MAX_AGE_MS });
  };
  const stateOf = async (clientId: string, at: number): Promise<State> => {
    const known = states.get(clientId);
    if (known && known.freshUntil > at) return known;
    const { attempts, lockedUntil } = await limits.peek(throttleKeys.client(clientId), at);
    remember(clientId, attempts, lockedUntil, at);
    return states.get(clientId) as State;
  };

  return {
    async check(clientId) {
      const at = now();
      const { lockedUntil } = await stateOf(clientId, at);
      return lockedUntil > at ? refusal(lockedUntil - at) : undefined;
    },
    async failed(clientId) {
      const at = now();
      const outcome = await limits.attempt(throttleKeys.client(clientId), rule, at);
      if (outcome.allowed) remember(clientId, outcome.attempts, outcome.lockedUntil, at);
      else remember(clientId, rule.limit, at + outcome.retryAfterMs, at);
    },
    async succeeded(clientId) {
      const at = now();
      if ((await stateOf(clientId, at)).attempts === 0) return;
      await limits.reset(throttleKeys.client(clientId));
      remember(clientId, 0, 0, at);
    },
  };
}
