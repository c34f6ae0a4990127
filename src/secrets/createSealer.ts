// The Sealer: AES-256-GCM with a key derived by HKDF-SHA256 from each master secret. The first
// secret seals; every secret opens, picked by the key id in the envelope. A fresh random 12-byte
// IV per seal (with random IVs one key stays safe for 2^32 seals; Ostiary seals a handful of
// documents and one secret per client). The authenticated data is the envelope header and the
// caller's context, so neither the key id nor the place a value is stored can be changed.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ENVELOPE_PREFIX, envelopeHeader, formatEnvelope, parseEnvelope } from './envelope.js';
import { SealError } from './SealError.js';
import type { Sealer } from './Sealer.js';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12; // GCM's native nonce size
const TAG_BYTES = 16; // the full 128-bit tag
const KEY_ID_BYTES = 6; // 48 bits: tells a handful of secrets apart, says nothing about them
// HKDF salt and info are fixed labels: the input is already high-entropy, and the labels keep the
// key and its id independent of each other and of any other use of the same secret.
const SALT = 'ostiary:sealed:v1';

interface SealingKey {
  readonly id: string;
  readonly key: Buffer;
}

function deriveKey(secret: string): SealingKey {
  const derive = (info: string, bytes: number) => Buffer.from(hkdfSync('sha256', secret, SALT, info, bytes));
  return { id: derive('key id', KEY_ID_BYTES).toString('base64url'), key: derive('aes-256-gcm key', 32) };
}

const authenticatedData = (keyId: string, context: string) => Buffer.from(`${envelopeHeader(keyId)}\n${context}`);

/**
 * Opened values, by context and envelope. A client's secret is unsealed on every token request;
 * AES-GCM is cheap but not free (about 8 % of a client-credentials request). An envelope always
 * opens to the same plaintext, so remembering it changes nothing but the cost. Bounded: the
 * oldest entry goes when it is full.
 */
const OPENED_CAPACITY = 1000;

function remember(opened: Map<string, string>, key: string, value: string): string {
  if (opened.size >= OPENED_CAPACITY) opened.delete(opened.keys().next().value as string);
  opened.set(key, value);
  return value;
}

export function createSealer(secrets: readonly string[]): Sealer {
  const opened = new Map<string, string>();
  const [first, ...others] = secrets.map(deriveKey);
  if (!first) throw new RangeError('a Sealer needs at least one master secret');
  const byId = new Map([first, ...others].map((key) => [key.id, key]));

  const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX);

  function open(value: string, context: string): string {
    const { keyId, iv, sealed } = parseEnvelope(value);
    if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) {
      throw new SealError('malformed', 'a sealed value with a wrong IV or tag length', keyId);
    }
    const key = byId.get(keyId);
    if (!key) {
      throw new SealError(
        'unknown_secret',
        `none of the OSTIARY_SECRET values opens this value (sealed under secret id ${keyId}): add the secret it was sealed with`,
        keyId,
      );
    }
    const decipher = createDecipheriv(CIPHER, key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(authenticatedData(keyId, context));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SealError('tampered', `a sealed value (${context}) failed authentication: it was altered`, keyId);
    }
  }

  return {
    keyId: first.id,
    isSealed,
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, first.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(authenticatedData(first.id, context));
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return formatEnvelope({ keyId: first.id, iv, sealed });
    },
    unseal(value, context) {
      if (!isSealed(value)) return value;
      const cacheKey = `${context}\n${value}`;
      const known = opened.get(cacheKey);
      if (known !== undefined) return known;
      return remember(opened, cacheKey, open(value, context));
    },
  };
}
