// The text form of a sealed value: `ostiary:sealed:v1:<keyId>:<iv>:<ciphertext+tag>`, every part
// base64url. The prefix makes sealed values recognisable (anything else is data from before
// sealing); the version lets the format change; keyId names the master secret that sealed it, so
// opening picks the right one without trial.
import { SealError } from './SealError.js';

export const ENVELOPE_PREFIX = 'ostiary:sealed:';
export const ENVELOPE_VERSION = 'v1';

export interface Envelope {
  readonly keyId: string;
  /** 12 bytes: AES-GCM's recommended nonce size. */
  readonly iv: Buffer;
  /** The ciphertext followed by the 16-byte authentication tag. */
  readonly sealed: Buffer;
}

/** `ostiary:sealed:v1:<keyId>`: also the start of the authenticated data, so the key id cannot be swapped. */
export function envelopeHeader(keyId: string): string {
  return `${ENVELOPE_PREFIX}${ENVELOPE_VERSION}:${keyId}`;
}

export function formatEnvelope({ keyId, iv, sealed }: Envelope): string {
  return `${envelopeHeader(keyId)}:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function parseEnvelope(value: string): Envelope {
  const parts = value.slice(ENVELOPE_PREFIX.length).split(':');
  const [version, keyId, iv, sealed] = parts;
  if (version !== ENVELOPE_VERSION) {
    throw new SealError('malformed', `a sealed value of unknown version ${JSON.stringify(version)}`);
  }
  if (parts.length !== 4 || ![keyId, iv, sealed].every((part) => part !== undefined && BASE64URL.test(part))) {
    throw new SealError('malformed', 'a sealed value that is not a well-formed envelope');
  }
  return {
    keyId: keyId as string,
    iv: Buffer.from(iv as string, 'base64url'),
    sealed: Buffer.from(sealed as string, 'base64url'),
  };
}
