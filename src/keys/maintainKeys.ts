// Applies the transitions that are due: scheduled rotations (KEY_ROTATION_INTERVAL), next keys
// whose propagation delay has passed, retired keys whose tokens have all expired. Every instance
// runs it every few seconds; the compare-and-swap makes exactly one of them write each change, and
// that one audits it (keys.rotated for a scheduled rotation, keys.promoted for a key that starts
// signing).
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { generateSigningKey } from './generateSigningKey.js';
import { COOKIE_KEY, SIGNING_KEY } from './keyKinds.js';
import { advance, changed, dueForRotation } from './keyLifecycle.js';
import type { KeyTimings } from './keyTimings.js';
import { asCookieKeySet, newCookieKey } from './loadCookieKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeyRecord,
  type CookieKeySet,
  type Lifecycle,
  SIGNING_KEYS_SETTING,
  type SigningAlgorithm,
  type SigningKeyRecord,
  type SigningKeySet,
} from './SigningKeyRecord.js';
import { updateSetting } from './updateSetting.js';

/** Audits what a written update did: keys it added, keys that went from next to current. */
function auditTransitions(
  change: Change,
  before: readonly Lifecycle[],
  after: readonly Lifecycle[],
  idOf: (key: Lifecycle) => string,
  reason: string,
) {
  const was = new Map(before.map((key) => [idOf(key), key.state]));
  const added = after.filter((key) => !was.has(idOf(key))).map(idOf);
  const promoted = after.filter((key) => key.state === 'current' && was.get(idOf(key)) === 'next').map(idOf);
  if (added.length) recordChange(change, { event: 'keys.rotated', reason, details: { keys: added } });
  if (promoted.length)
    recordChange(change, { event: 'keys.promoted', reason: 'propagated', details: { keys: promoted } });
}

export async function maintainKeys(store: Store, timings: KeyTimings, now: number, change: Change): Promise<void> {
  const { rotationIntervalMs: interval, propagationMs } = timings;
  let signingBefore: SigningKeySet | undefined;
  const signing = await updateSetting<SigningKeySet>(store, SIGNING_KEYS_SETTING, async (set) => {
    signingBefore = set;
    const due = interval === undefined ? [] : dueForRotation(set.keys, SIGNING_KEY, now, interval);
    const announced = await Promise.all(
      due.map(async (alg) => ({
        ...(await generateSigningKey(alg as SigningAlgorithm, 'next', now)),
        activatesAt: now + propagationMs,
      })),
    );
    const keys = advance([...set.keys, ...announced], SIGNING_KEY, now, timings.signingRetainMs);
    return announced.length || changed(set.keys, keys) ? { keys } : undefined;
  });
  if (signing && signingBefore) {
    auditTransitions(change, signingBefore.keys, signing.keys, (key) => (key as SigningKeyRecord).kid, 'schedule');
  }
  let cookieBefore: CookieKeySet | undefined;
  const cookie = await updateSetting<CookieKeySet | string[]>(store, COOKIE_KEYS_SETTING, (stored) => {
    const set = asCookieKeySet(stored);
    cookieBefore = set;
    const due = interval === undefined ? [] : dueForRotation(set.keys, COOKIE_KEY, now, interval);
    const announced = due.map(() => newCookieKey('next', now, now + timings.cookiePropagationMs));
    const keys = advance([...set.keys, ...announced], COOKIE_KEY, now, timings.cookieRetainMs);
    return announced.length || changed(set.keys, keys) || Array.isArray(stored) ? { keys } : undefined;
  });
  if (cookie && cookieBefore && !Array.isArray(cookie)) {
    auditTransitions(change, cookieBefore.keys, cookie.keys, (key) => (key as CookieKeyRecord).id, 'schedule');
  }
}
