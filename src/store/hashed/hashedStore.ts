// Decorates a store so what it keeps cannot be presented back: artifacts under the keyed hash of
// their ids (hashedArtifacts), throttling counters under the keyed hash of their keys (an email or
// a client address is nobody's business in a backup). Everything else passes through. createStore
// applies it over the sealed store, so the server and the `ostiary` command agree.
import type { LimitStore, Store } from '../Store.js';
import type { Hasher } from './Hasher.js';
import { hashedArtifacts } from './hashedArtifacts.js';

function hashedLimits(limits: LimitStore, hasher: Hasher): LimitStore {
  const key = (name: string) => hasher.digest(`limit:${name}`);
  return {
    count: (name, windowMs, now, by) => limits.count(key(name), windowMs, now, by),
    attempt: (name, rule, now) => limits.attempt(key(name), rule, now),
    peek: (name, now) => limits.peek(key(name), now),
    reset: (name) => limits.reset(key(name)),
  };
}

export function hashedStore(store: Store, hasher: Hasher, legacyReadsUntil: number): Store {
  return {
    ...store,
    artifacts: hashedArtifacts(store.artifacts, hasher, { legacyReadsUntil }),
    limits: hashedLimits(store.limits, hasher),
  };
}
