// What a master secret (one OSTIARY_SECRET entry) must look like. Its text is the HKDF input as
// it is, never decoded, so 32 random bytes written as base64url (43 characters), base64 (44) or
// hex (64) all qualify. Length is the only check that can be made: the operator must make it random.
import { randomBytes } from 'node:crypto';

/** 43 characters of base64url carry 258 bits: at least the 256 of the AES key derived from it. */
export const MASTER_SECRET_MIN_LENGTH = 43;

const ALPHABET = /^[A-Za-z0-9+/=_-]*$/;

/** The expected form, for error messages. */
export const MASTER_SECRET_FORM =
  'comma-separated secrets, each at least 43 characters of base64url, base64 or hex ' +
  '(32 random bytes, e.g. from `openssl rand -base64 32`); the first seals, all unseal';

/** Why `text` is not a usable master secret, or undefined when it is. Never repeats the text. */
export function masterSecretProblem(text: string): string | undefined {
  if (!ALPHABET.test(text)) return 'has characters outside base64url, base64 and hex';
  if (text.length < MASTER_SECRET_MIN_LENGTH) return `is ${text.length} characters long`;
  return undefined;
}

/** A new master secret: 32 random bytes, base64url. */
export function generateMasterSecret(): string {
  return randomBytes(32).toString('base64url');
}
