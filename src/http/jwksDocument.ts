// The JWKS as fixed bytes: public members only, every key with kid, current keys first.
// Cacheable for half of KEY_PROPAGATION, so a resource server that honours the header has seen a
// new key well before it signs; the ETag answers a revalidation with 304.
import { publicJwks } from '../keys/providerJwks.js';
import type { SigningKeySet } from '../keys/SigningKeyRecord.js';
import { type StaticDocument, staticDocument } from './staticDocument.js';

export const JWKS_PATH = '/jwks';

export function jwksDocument(set: SigningKeySet, propagationSeconds: number): StaticDocument {
  const body = Buffer.from(JSON.stringify(publicJwks(set)));
  return staticDocument(body, 'application/jwk-set+json', Math.floor(propagationSeconds / 2));
}
