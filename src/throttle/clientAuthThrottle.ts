// Failed client authentication at the token, introspection and revocation endpoints locks the
// client_id by the same rule as sign-ins (lockoutRule). Unlike a sign-in, a token request is hot,
// so the lock state is read from the store at most once a second per client and instance, and a
// failure updates it at once: this instance refuses from the failure that locks, other instances
// within a second. Only failures are counted, and a success clears a count that is not zero. While
// the state is known, check and succeeded answer synchronously: a token request then spends not
// even a promise on them.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { lockoutRule } from './lockoutRule.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

const STATE_MAX_AGE_MS = 1000;
const STATE_MAX_ENTRIES = 10_000;

export interface ClientAuthThrottle {
  /** A refusal while the client_id is locked (a promise only when the store must be read). */
  check(clientId: string): Refusal | undefined | Promise<Refusal | undefined>;
  /** A wrong secret: counts it, and may lock the client_id. */
  failed(clientId: string): Promise<void>;
  /** Clears the count (a promise only when there was one to clear). */
  succeeded(clientId: string): undefined | Promise<void>;
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
  const fresh = (clientId: string, at: number) => {
    const known = states.get(clientId);
    return known && known.freshUntil > at ? known : undefined;
  };
  const read = async (clientId: string, at: number): Promise<State> => {
    const { attempts, lockedUntil } = await limits.peek(throttleKeys.client(clientId), at);
    remember(clientId, attempts, lockedUntil, at);
    return states.get(clientId) as State;
  };
  const refusalAt = (state: State, at: number) =>
    state.lockedUntil > at ? refusal(state.lockedUntil - at) : undefined;
  const clear = async (clientId: string, at: number) => {
    await limits.reset(throttleKeys.client(clientId));
    remember(clientId, 0, 0, at);
  };

  return {
    check(clientId) {
      const at = now();
      const known = fresh(clientId, at);
      return known ? refusalAt(known, at) : read(clientId, at).then((state) => refusalAt(state, at));
    },
    async failed(clientId) {
      const at = now();
      const outcome = await limits.attempt(throttleKeys.client(clientId), rule, at);
      if (outcome.allowed) remember(clientId, outcome.attempts, outcome.lockedUntil, at);
      else remember(clientId, rule.limit, at + outcome.retryAfterMs, at);
    },
    succeeded(clientId) {
      const at = now();
      const known = fresh(clientId, at);
      if (known?.attempts === 0) return undefined;
      return known
        ? clear(clientId, at)
        : read(clientId, at).then((state) => (state.attempts === 0 ? undefined : clear(clientId, at)));
    },
  };
}
