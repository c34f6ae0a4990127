// `keys promote KID`: makes a next key (or cookie secret) current now, without waiting for its
// propagation delay; the key it replaces retires and stays published until its tokens expire
// (how long follows from the settings and the APIs' token lifetimes: keyTimings).
import { type Change, recordChange } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import type { Store } from '../store/Store.js';
import { COOKIE_KEY, SIGNING_KEY } from './keyKinds.js';
import { promote } from './keyLifecycle.js';
import { type KeyTimings, keyTimings } from './keyTimings.js';
import { asCookieKeySet } from './loadCookieKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeySet,
  SIGNING_KEYS_SETTING,
  type SigningKeySet,
} from './SigningKeyRecord.js';
import { updateSetting } from './updateSetting.js';

/** Returns what was promoted, or undefined when no next key has that id. */
export async function promoteKey(store: Store, config: AppConfig, id: string, change: Change, now = Date.now()) {
  const promoted = await promoteEither(store, id, now, keyTimings(config, await store.resources.list()));
  if (promoted) recordChange(change, { event: 'keys.promoted', reason: 'by_hand', details: { keys: [id] } });
  return promoted;
}

async function promoteEither(store: Store, id: string, now: number, timings: KeyTimings) {
  const signing = await updateSetting<SigningKeySet>(store, SIGNING_KEYS_SETTING, (set) =>
    set.keys.some((k) => k.kid === id && k.state === 'next')
      ? { keys: promote(set.keys, id, SIGNING_KEY, now, timings.signingRetainMs) }
      : undefined,
  );
  if (signing) return 'signing key' as const;
  const cookie = await updateSetting<CookieKeySet | string[]>(store, COOKIE_KEYS_SETTING, (stored) => {
    const set = asCookieKeySet(stored);
    return set.keys.some((k) => k.id === id && k.state === 'next')
      ? { keys: promote(set.keys, id, COOKIE_KEY, now, timings.cookieRetainMs) }
      : undefined;
  });
  return cookie ? ('cookie secret' as const) : undefined;
}
