// The secret DPoP server nonces (RFC 9449 8) are made with: derived from the current cookie secret
// (HKDF-SHA256), so every instance makes and accepts the same nonces, the secret is sealed at rest
// with the cookie secrets, and it changes when they rotate (`keys rotate --cookie`, or the
// schedule). A nonce made before a rotation is answered `use_dpop_nonce` with a fresh one, which
// clients retry with.
import { hkdfSync } from 'node:crypto';

export function dpopNonceSecret(cookieKeys: readonly string[]): Buffer {
  const current = cookieKeys[0];
  if (!current) throw new Error('no cookie secret to derive the DPoP nonce secret from');
  return Buffer.from(hkdfSync('sha256', current, 'ostiary', 'dpop-nonce', 32));
}
