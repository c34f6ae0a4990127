// argon2id at the OWASP Password Storage Cheat Sheet's first recommendation: 19 MiB of memory,
// 2 iterations, 1 lane. The argon2 addon hashes on libuv's thread pool, so the event loop keeps
// serving while a login is checked.
import argon2 from 'argon2';
import { normalizePassword } from './passwordPolicy.js';

export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024, // KiB: 19 MiB
  timeCost: 2,
  parallelism: 1,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalizePassword(password), ARGON2_OPTIONS);
}

/** Never throws on a malformed hash: a stored value we cannot read simply does not match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}
