// A signing key oidc-provider uses through its ExternalSigningKey hook: the signature is made by
// node:crypto directly, about three times faster for ES256 than going through jose (measured:
// ~30 µs against ~80-130 µs per token), which is most of a client-credentials request's CPU.
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

  override async sign(data: Buffer): Promise<Buffer> {
    return this.#ieeeP1363
      ? sign(this.#digest, data, { key: this.#privateKey, dsaEncoding: 'ieee-p1363' })
      : sign(this.#digest, data, this.#privateKey);
  }
}
