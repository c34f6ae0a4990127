// Makes a new signing key: RS256 (2048-bit RSA, what OIDC clients expect by default for ID
// tokens), ES256 (P-256, our access tokens) or EdDSA (Ed25519). The kid is the RFC 7638
// thumbprint, so it is stable and says nothing about the key's age or purpose.
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { SigningAlgorithm, SigningKeyRecord, SigningKeyState } from './SigningKeyRecord.js';

const KEY_OPTIONS: Record<SigningAlgorithm, Parameters<typeof generateKeyPair>[1]> = {
  RS256: { modulusLength: 2048, extractable: true },
  ES256: { extractable: true },
  EdDSA: { crv: 'Ed25519', extractable: true },
};

export async function generateSigningKey(
  alg: SigningAlgorithm,
  state: SigningKeyState = 'current',
  now: number = Date.now(),
): Promise<SigningKeyRecord> {
  for (;;) {
    const { privateKey } = await generateKeyPair(alg, KEY_OPTIONS[alg]);
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk);
    // 1 in 64 thumbprints starts with "-", which command lines take for an option: draw again.
    if (kid.startsWith('-')) continue;
    return { kid, alg, state, createdAt: now, jwk: { ...jwk, kid, alg, use: 'sig' } };
  }
}
