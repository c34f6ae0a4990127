// A client's own public keys, for private_key_jwt (it signs its assertions with the private half):
// given inline (`jwks`, a JWK Set) or where the client publishes them (`jwks_uri`), never both.
// Inline keys must be public keys only, with a kid, at most 10; a jwks_uri is an absolute https URL
// (http only on loopback outside production).
import { ClientError } from './ClientError.js';

const MAX_KEYS = 10;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
const KEY_TYPES = ['RSA', 'EC', 'OKP'];

export interface ClientKeys {
  readonly jwks?: { readonly keys: readonly Record<string, unknown>[] } | undefined;
  readonly jwksUri?: string | undefined;
}

const invalid = (field: 'jwks' | 'jwks_uri', message: string) => new ClientError('invalid', field, message);

export function checkClientKeys({ jwks, jwksUri }: ClientKeys, production: boolean) {
  if (jwks && jwksUri)
    throw invalid('jwks', 'give the keys inline (jwks) or where they are published (jwks_uri), not both');
  if (jwksUri !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUri);
    } catch {
      url = undefined;
    }
    const loopback = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    const allowed = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback && !production);
    if (!url || !allowed || url.hash || url.username) {
      throw invalid('jwks_uri', `an absolute https URL without fragment or credentials, got "${jwksUri}"`);
    }
    return { jwks_uri: url.href };
  }
  if (jwks === undefined) return {};
  const keys = Array.isArray(jwks?.keys) ? jwks.keys : undefined;
  if (!keys || keys.length === 0 || keys.length > MAX_KEYS) {
    throw invalid('jwks', `a JWK Set: {"keys": [...]} with 1 to ${MAX_KEYS} public keys`);
  }
  for (const key of keys) {
    if (typeof key !== 'object' || key === null || !KEY_TYPES.includes(String(key.kty))) {
      throw invalid('jwks', `every key needs a kty of ${KEY_TYPES.join(', ')}`);
    }
    if (PRIVATE_MEMBERS.some((member) => member in key)) {
      throw invalid('jwks', `key ${String(key.kid ?? '')} holds private members: give the public key only`);
    }
    if (typeof key.kid !== 'string' || !key.kid) throw invalid('jwks', 'every key needs a kid');
  }
  return { jwks: { keys: keys.map((key) => ({ ...key })) } };
}
