// Applies the transitions that are due: scheduled rotations (KEY_ROTATION_INTERVAL), next keys
// whose propagation delay has passed, retired keys whose tokens have all expired. Every instance
// runs it every few seconds; the compare-and-swap makes exactly one of them write each change.
import type { Store } from '../store/Store.js';
import { generateSigningKey } from './generateSigningKey.js';
import { COOKIE_KEY, SIGNING_KEY } from './keyKinds.js';
import { advance, changed, dueForRotation } from './keyLifecycle.js';
import type { KeyTimings } from './keyTimings.js';
import { asCookieKeySet, newCookieKey } from './loadCookieKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeySet,
  SIGNING_KEYS_SETTING,
  type SigningAlgorithm,
  type SigningKeySet,
} from './SigningKeyRecord.js';
import { updateSetting } from './updateSetting.js';

export async function maintainKeys(store: Store, timings: KeyTimings, now: number): Promise<void> {
  const { rotationIntervalMs: interval, propagationMs } = timings;
  await updateSetting<SigningKeySet>(store, SIGNING_KEYS_SETTING, async (set) => {
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
  await updateSetting<CookieKeySet | string[]>(store, COOKIE_KEYS_SETTING, (stored) => {
    const set = asCookieKeySet(stored);
    const due = interval === undefined ? [] : dueForRotation(set.keys, COOKIE_KEY, now, interval);
    const announced = due.map(() => newCookieKey('next', now, now + timings.cookiePropagationMs));
    const keys = advance([...set.keys, ...announced], COOKIE_KEY, now, timings.cookieRetainMs);
    return announced.length || changed(set.keys, keys) || Array.isArray(stored) ? { keys } : undefined;
  });
}
