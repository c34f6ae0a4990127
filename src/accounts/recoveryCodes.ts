// Recovery codes: ten single-use codes shown once when two-step sign-in is turned on, for when the
// authenticator app is lost. Each is 100 random bits (20 base32 letters, in groups of four), so a
// plain SHA-256 is all the store needs to hold: no stolen copy can be searched back to a code.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECOVERY_CODE_COUNT = 10;

function newCode(): string {
  const bytes = randomBytes(20); // one letter per byte, 5 bits of each
  const letters = [...bytes].map((byte) => ALPHABET[byte & 31]).join('');
  return letters.match(/.{4}/g)?.join('-') ?? letters;
}

/** What a person typed, as stored: letters only, upper case, hashed. */
export function recoveryCodeHash(input: string): string {
  const letters = input.toUpperCase().replace(/[^A-Z2-7]/g, '');
  return createHash('sha256').update(letters).digest('hex');
}

export function newRecoveryCodes(): { readonly codes: string[]; readonly hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  return { codes, hashes: codes.map(recoveryCodeHash) };
}
