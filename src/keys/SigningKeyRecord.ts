// A signing key as the store keeps it (settings document SIGNING_KEYS_SETTING). The private JWK
// never leaves the server: the JWKS endpoint and `ostiary keys list` show public members only.
import type { JWK } from 'jose';

export type SigningAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

/** next: published, not signing yet; current: signs; retired: published until its tokens expire. */
export type SigningKeyState = 'next' | 'current' | 'retired';

export interface SigningKeyRecord {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly state: SigningKeyState;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** The private key, with kid, alg and use set. */
  readonly jwk: JWK;
}

export interface SigningKeySet {
  readonly keys: readonly SigningKeyRecord[];
}

export const SIGNING_KEYS_SETTING = 'signing-keys';
export const COOKIE_KEYS_SETTING = 'cookie-keys';
