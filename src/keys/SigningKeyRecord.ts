// A signing key as the store keeps it (settings document SIGNING_KEYS_SETTING). The private JWK
// never leaves the server: the JWKS endpoint and `ostiary keys list` show public members only.
import type { JWK } from 'jose';

export type SigningAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

/** next: published, not signing yet; current: signs; retired: published until its tokens expire. */
export type SigningKeyState = 'next' | 'current' | 'retired';

/** Where a key or secret is in its life. Times are epoch milliseconds. */
export interface Lifecycle {
  readonly state: SigningKeyState;
  readonly createdAt: number;
  /** A next key becomes current at this time. */
  readonly activatesAt?: number;
  /** A retired key is removed at this time: every token or cookie it signed has expired. */
  readonly removeAt?: number;
}

export interface SigningKeyRecord extends Lifecycle {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** The private key, with kid, alg and use set. */
  readonly jwk: JWK;
}

export interface SigningKeySet {
  readonly keys: readonly SigningKeyRecord[];
}

/** A secret that signs cookies (and CSRF tokens); `id` is a hash that names it without revealing it. */
export interface CookieKeyRecord extends Lifecycle {
  readonly id: string;
  readonly secret: string;
}

export interface CookieKeySet {
  readonly keys: readonly CookieKeyRecord[];
}

export const SIGNING_KEYS_SETTING = 'signing-keys';
export const COOKIE_KEYS_SETTING = 'cookie-keys';
