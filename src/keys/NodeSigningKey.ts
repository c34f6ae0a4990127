// A signing key oidc-provider uses through its ExternalSigningKey hook: the signature is made by
// node:crypto directly, about three times faster for ES256 than going through jose (measured:
// ~30 µs against ~80-130 µs per token), which is most of a client-credentials request's CPU.
// It is made on libuv's thread pool (node:crypto's sign with a callback), not on the event loop:
// an ES256 signature is tens of µs and an RS256 one (ID tokens) several hundred, and a server with
// a core to spare signs there while the event loop serves the next request. Password hashing
// shares the pool but always leaves one of its threads free (hashingGate), so signatures never
// wait behind a login storm.
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { ExternalSigningKey } from 'oidc-provider';
import type { SigningKeyRecord } from './SigningKeyRecord.js';

/** The digest per JWS algorithm; EdDSA signs the message itself. */
const DIGEST = { RS256: 'sha256', ES256: 'sha256', EdDSA: null } as const;

export class NodeSigningKey extends ExternalSigningKey {
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  readonly #digest: 'sha256' | null;
  readonly #ieeeP1363: boolean;

  constructor(record: SigningKeyRecord) {
    super();
    // The typings mark kid and alg read-only; the class itself has setters for exactly this.
    Object.assign(this, { kid: record.kid, alg: record.alg });
    this.#privateKey = createPrivateKey({ key: record.jwk as never, format: 'jwk' });
    this.#publicKey = createPublicKey(this.#privateKey);
    this.#digest = DIGEST[record.alg];
    this.#ieeeP1363 = record.alg === 'ES256'; // JWS wants r || s, not DER
  }

  override keyObject(): KeyObject {
    return this.#publicKey;
  }

  override sign(data: Buffer): Promise<Buffer> {
    const key = this.#ieeeP1363 ? { key: this.#privateKey, dsaEncoding: 'ieee-p1363' as const } : this.#privateKey;
    return new Promise((resolve, reject) => {
      sign(this.#digest, data, key, (error, signature) => (error ? reject(error) : resolve(signature)));
    });
  }
}
