// `keys rotate`: announces a new signing key per algorithm (or a new cookie secret), published at
// once and signing after the propagation delay this server's settings and APIs call for
// (keyTimings). Audited as keys.rotated.
import { type Change, recordChange } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import type { Store } from '../store/Store.js';
import { keyTimings } from './keyTimings.js';
import { rotateCookieKey, rotateSigningKeys } from './rotateKeys.js';
import { SIGNING_KEYS_SETTING, type SigningAlgorithm, type SigningKeySet } from './SigningKeyRecord.js';

export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

export interface AnnouncedKey {
  readonly kid: string;
  /** The algorithm, or `cookie` for a cookie secret. */
  readonly alg: SigningAlgorithm | 'cookie';
  /** Epoch ms at which it starts signing. */
  readonly activatesAt: number;
}

/** The algorithms that have a key now: `keys rotate` without --alg renews those, and adds none. */
async function algorithmsInUse(store: Store): Promise<SigningAlgorithm[]> {
  const set = await store.settings.get<SigningKeySet>(SIGNING_KEYS_SETTING);
  return SIGNING_ALGORITHMS.filter((alg) => set?.keys.some((key) => key.alg === alg && key.state !== 'retired'));
}

export async function announceKeys(
  store: Store,
  config: AppConfig,
  what: { readonly alg?: SigningAlgorithm | undefined; readonly cookie?: boolean | undefined },
  change: Change,
  now = Date.now(),
): Promise<AnnouncedKey[]> {
  const timings = keyTimings(config, await store.resources.list());
  const announced: AnnouncedKey[] = what.cookie
    ? [
        {
          kid: (await rotateCookieKey(store, now, timings.cookiePropagationMs)).id,
          alg: 'cookie',
          activatesAt: now + timings.cookiePropagationMs,
        },
      ]
    : (
        await rotateSigningKeys(store, what.alg ? [what.alg] : await algorithmsInUse(store), now, timings.propagationMs)
      ).map(({ kid, alg, activatesAt }) => ({ kid, alg, activatesAt: activatesAt ?? now }));
  recordChange(change, {
    event: 'keys.rotated',
    reason: 'by_hand',
    details: { keys: announced.map((key) => key.kid) },
  });
  return announced;
}
