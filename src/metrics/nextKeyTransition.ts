// When the signing keys next change on their own (epoch ms): a next key starts signing, a retired
// key is dropped, or the current key is due for rotation. Undefined when nothing is scheduled.
import type { SigningKeyRecord } from '../keys/SigningKeyRecord.js';

export function nextKeyTransition(
  keys: readonly SigningKeyRecord[],
  rotationInterval: number | undefined,
): number | undefined {
  const waiting = keys.some((key) => key.state === 'next');
  const times = keys.flatMap((key) => {
    if (key.state === 'next') return key.activatesAt === undefined ? [] : [key.activatesAt];
    if (key.state === 'retired') return key.removeAt === undefined ? [] : [key.removeAt];
    return rotationInterval === undefined || waiting ? [] : [key.createdAt + rotationInterval * 1000];
  });
  return times.length ? Math.min(...times) : undefined;
}
