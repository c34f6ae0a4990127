// The JWKS handed to oidc-provider. It signs with the first key of each algorithm, so current
// keys come first; next and retired keys follow and are only published for verification.
import type { JWK } from 'jose';
import type { SigningKeySet, SigningKeyState } from './SigningKeyRecord.js';

const ORDER: Record<SigningKeyState, number> = { current: 0, next: 1, retired: 2 };

export function providerJwks(set: SigningKeySet): { keys: JWK[] } {
  const keys = [...set.keys].sort((a, b) => ORDER[a.state] - ORDER[b.state] || b.createdAt - a.createdAt);
  return { keys: keys.map((record) => ({ ...record.jwk })) };
}
