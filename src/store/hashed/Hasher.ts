// The keyed hash the store keeps instead of a value someone presents: HMAC-SHA-256 under a secret
// key (src/store/hashed/loadHashKey.ts), base64url. Without the key a copy of the store cannot be
// turned back into codes, tokens or session cookies, nor checked against guesses.
import { createHmac } from 'node:crypto';

export interface Hasher {
  digest(value: string): string;
}

export function createHasher(key: Buffer): Hasher {
  return { digest: (value) => createHmac('sha256', key).update(value).digest('base64url') };
}
