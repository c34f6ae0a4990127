// A signing key for an algorithm only once something will sign with it: the first start makes
// RS256 (ID tokens) and ES256 (access tokens); an EdDSA key is made, and published, when a client
// is registered with EdDSA ID tokens (or by `keys rotate --alg EdDSA`). Nothing has cached a key of
// an algorithm no one used before, so the first one is current at once; running instances pick it
// up at their next key poll. First-writer-wins across instances, like every key change.
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { generateSigningKey } from './generateSigningKey.js';
import { SIGNING_KEYS_SETTING, type SigningAlgorithm, type SigningKeySet } from './SigningKeyRecord.js';
import { updateSetting } from './updateSetting.js';

export async function ensureSigningKey(
  store: Pick<Store, 'settings'>,
  alg: SigningAlgorithm,
  change: Change,
): Promise<void> {
  const key = await generateSigningKey(alg);
  const added = await updateSetting<SigningKeySet>(store, SIGNING_KEYS_SETTING, (set) =>
    set.keys.some((each) => each.alg === alg && each.state !== 'retired') ? undefined : { keys: [...set.keys, key] },
  );
  if (added) recordChange(change, { event: 'keys.rotated', reason: 'first_use', details: { keys: [key.kid] } });
}
