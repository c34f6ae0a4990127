// The signing keys, generated on the very first start and kept in the store, so a restart (or a
// second instance) signs with the same kids and earlier tokens still verify. Generation is
// first-writer-wins: of two processes starting at once, both end up with the winner's keys.
import type { Store } from '../store/Store.js';
import { generateSigningKey } from './generateSigningKey.js';
import { SIGNING_KEYS_SETTING, type SigningAlgorithm, type SigningKeySet } from './SigningKeyRecord.js';

/**
 * RS256 for ID tokens (what every client expects), ES256 for access tokens. EdDSA only once asked
 * for (ensureSigningKey): some clients fail on an Ed25519 key in the JWKS.
 */
export const INITIAL_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256'];

export async function loadSigningKeys(store: Store): Promise<SigningKeySet> {
  const existing = await store.settings.get<SigningKeySet>(SIGNING_KEYS_SETTING);
  if (existing) return existing;
  const keys = await Promise.all(INITIAL_ALGORITHMS.map((alg) => generateSigningKey(alg)));
  return store.settings.initialize<SigningKeySet>(SIGNING_KEYS_SETTING, { keys });
}
