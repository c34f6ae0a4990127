// Announces new keys: each named algorithm gets a `next` signing key that is published at once
// and signs after the propagation delay; the cookie secret likewise, after a few seconds. A key
// still waiting for its turn is replaced (the clock starts again).
import type { Store } from '../store/Store.js';
import { generateSigningKey } from './generateSigningKey.js';
import { asCookieKeySet, newCookieKey } from './loadCookieKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeySet,
  SIGNING_KEYS_SETTING,
  type SigningAlgorithm,
  type SigningKeyRecord,
  type SigningKeySet,
} from './SigningKeyRecord.js';
import { updateSetting } from './updateSetting.js';

export async function rotateSigningKeys(
  store: Store,
  algorithms: readonly SigningAlgorithm[],
  now: number,
  propagationMs: number,
): Promise<SigningKeyRecord[]> {
  const added = await Promise.all(algorithms.map((alg) => generateSigningKey(alg, 'next', now)));
  const announced = added.map((record) => ({ ...record, activatesAt: now + propagationMs }));
  await updateOrFail(store, SIGNING_KEYS_SETTING, (set: SigningKeySet) => ({
    keys: [...set.keys.filter((k) => !(k.state === 'next' && algorithms.includes(k.alg))), ...announced],
  }));
  return announced;
}

export async function rotateCookieKey(store: Store, now: number, propagationMs: number) {
  const added = newCookieKey('next', now, now + propagationMs);
  await updateOrFail(store, COOKIE_KEYS_SETTING, (stored: CookieKeySet | string[]) => ({
    keys: [...asCookieKeySet(stored).keys.filter((k) => k.state !== 'next'), added],
  }));
  return added;
}

async function updateOrFail<T>(store: Store, name: string, change: (current: T) => unknown) {
  const result = await updateSetting<T>(store, name, change as (current: T) => T);
  if (result === undefined) throw new Error('there are no keys yet: start the server once to generate them');
}
