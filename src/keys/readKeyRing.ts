// The key material a provider instance is built from (signing keys and cookie secrets), with a
// revision that changes whenever either document changes, so instances notice rotations.
import type { Store } from '../store/Store.js';
import { asCookieKeySet, loadCookieKeys } from './loadCookieKeys.js';
import { loadSigningKeys } from './loadSigningKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeySet,
  SIGNING_KEYS_SETTING,
  type SigningKeySet,
} from './SigningKeyRecord.js';

export interface KeyRing {
  readonly signing: SigningKeySet;
  readonly cookies: CookieKeySet;
  readonly revision: string;
}

export async function readKeyRing(store: Store): Promise<KeyRing> {
  const [signing, cookies] = await Promise.all([
    store.settings.read<SigningKeySet>(SIGNING_KEYS_SETTING),
    store.settings.read<CookieKeySet | string[]>(COOKIE_KEYS_SETTING),
  ]);
  if (!signing || !cookies) {
    // First start: generate (first writer wins), then read what was stored.
    await Promise.all([loadSigningKeys(store), loadCookieKeys(store)]);
    return readKeyRing(store);
  }
  return {
    signing: signing.value,
    cookies: asCookieKeySet(cookies.value),
    revision: `${signing.revision}:${cookies.revision}`,
  };
}
