// The signing keys, generated on the very first start and kept in the store, so a restart (or a
// second instance) signs with the same kids and earlier tokens still verify. Generation is
// first-writer-wins: of two processes starting at once, both end up with the winner's keys.
import type { Store } from '../store/Store.js';
import { generateSigningKey } from './generateSigningKey.js';
import { SIGNING_KEYS_SETTING, type SigningAlgorithm, type SigningKeySet } from './SigningKeyRecord.js';

/** One current key per algorithm a client may pick for ID tokens or an API for access tokens. */
export const INITIAL_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

export async function loadSigningKeys(store: Store): Promise<SigningKeySet> {
  const existing = await store.settings.get<SigningKeySet>(SIGNING_KEYS_SETTING);
  if (existing) return existing;
  const keys = await Promise.all(INITIAL_ALGORITHMS.map((alg) => generateSigningKey(alg)));
  return store.settings.initialize<SigningKeySet>(SIGNING_KEYS_SETTING, { keys });
}
