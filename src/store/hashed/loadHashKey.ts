// The key of the keyed hash: 32 random bytes generated on first start and kept as a settings
// document, sealed under OSTIARY_SECRET like the signing keys (so `secrets reseal` covers it and
// changing OSTIARY_SECRET does not change the key, which would lose every session and token).
// First-writer-wins, so instances starting together agree.
//
// A store that was in use before hashing existed (it has signing keys but no hash key) still holds
// artifacts under their raw ids. The document then says until when those may exist: the longest
// artifact lifetime from now. Until then a look-up that misses its hashed id tries the raw one;
// afterwards it does not, and nothing raw is left.
import { randomBytes } from 'node:crypto';
import type { TokenLifetimes } from '../../config/AppConfig.js';
import { SIGNING_KEYS_SETTING } from '../../keys/SigningKeyRecord.js';
import type { SettingStore } from '../Store.js';

export const HASH_KEY_SETTING = 'hash-key';

export interface HashKeyDocument {
  /** base64url, 32 bytes. */
  readonly key: string;
  readonly createdAt: number;
  /** Epoch ms until which artifacts stored under raw ids (before hashing) may still be live. */
  readonly legacyReadsUntil: number;
}

/** The longest any artifact lives, in milliseconds. */
const longestLifetimeMs = (ttl: TokenLifetimes) => Math.max(...Object.values(ttl)) * 1000;

/** `settings` must be the sealed settings: the key is a secret. */
export async function loadHashKey(settings: SettingStore, ttl: TokenLifetimes, now = Date.now()) {
  const existing = await settings.get<HashKeyDocument>(HASH_KEY_SETTING);
  if (existing) return existing;
  const inUseBefore = (await settings.get(SIGNING_KEYS_SETTING)) !== undefined;
  return settings.initialize<HashKeyDocument>(HASH_KEY_SETTING, {
    key: randomBytes(32).toString('base64url'),
    createdAt: now,
    legacyReadsUntil: inUseBefore ? now + longestLifetimeMs(ttl) : 0,
  });
}
