// The clock of key rotation, in milliseconds, derived from the configuration and the registered
// APIs: how long a new key is announced before it signs, and how long a retired key stays
// published (until every token it signed has expired).
import type { AppConfig } from '../config/AppConfig.js';
import type { Resource } from '../store/Store.js';

export interface KeyTimings {
  readonly propagationMs: number;
  readonly rotationIntervalMs: number | undefined;
  /** The longest lifetime of a token we sign, plus a minute of clock skew. */
  readonly signingRetainMs: number;
  /** Cookie secrets need no JWKS caches to catch up, only every instance (they poll every 2 s). */
  readonly cookiePropagationMs: number;
  /** Session cookies live at most SESSION_MAX_TTL; interaction cookies INTERACTION_TTL. */
  readonly cookieRetainMs: number;
}

export const KEY_POLL_MS = 2000; // every instance re-reads the key ring this often: changes apply within 5 s
const CLOCK_SKEW_S = 60;

export function keyTimings(config: AppConfig, resources: readonly Resource[]): KeyTimings {
  const tokenLifetimes = [config.ttl.idToken, config.ttl.accessToken, ...resources.map((r) => r.accessTokenTtl ?? 0)];
  return {
    propagationMs: config.keys.propagation * 1000,
    rotationIntervalMs: config.keys.rotationInterval === undefined ? undefined : config.keys.rotationInterval * 1000,
    signingRetainMs: (Math.max(...tokenLifetimes) + CLOCK_SKEW_S) * 1000,
    cookiePropagationMs: 3 * KEY_POLL_MS,
    cookieRetainMs: (Math.max(config.ttl.sessionMax, config.ttl.interaction) + CLOCK_SKEW_S) * 1000,
  };
}
