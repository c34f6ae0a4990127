// The keys handed to oidc-provider, which signs with the first key of each algorithm, so current
// keys come first; next and retired keys follow and are only published for verification. They
// sign through node:crypto (NodeSigningKey); private members never leave this process.
// publicJwks is what /jwks serves: the same keys with public members only.
import type { JWK } from 'jose';
import { signingOrder } from './keyLifecycle.js';
import { NodeSigningKey } from './NodeSigningKey.js';
import type { SigningKeySet } from './SigningKeyRecord.js';

export function providerJwks(set: SigningKeySet): { keys: NodeSigningKey[] } {
  return { keys: signingOrder(set.keys).map((record) => new NodeSigningKey(record)) };
}

const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['kty', 'n', 'e'],
  EC: ['kty', 'crv', 'x', 'y'],
  OKP: ['kty', 'crv', 'x'],
};

export function publicJwks(set: SigningKeySet): { keys: JWK[] } {
  return {
    keys: signingOrder(set.keys).map(({ jwk, kid, alg }) => {
      const members = PUBLIC_MEMBERS[jwk.kty ?? ''] ?? [];
      const key: Record<string, unknown> = {};
      for (const name of members) key[name] = jwk[name as keyof JWK];
      return { ...key, kid, alg, use: 'sig' } as JWK;
    }),
  };
}
