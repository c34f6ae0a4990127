// A sealed value that cannot be opened. `code` says why, so callers can switch on it:
// unknown_secret (sealed under a master secret that is not in OSTIARY_SECRET), tampered (the
// authentication tag does not match: the value or its context was changed), malformed (not a
// well-formed envelope of a version this code knows).

export type SealErrorCode = 'unknown_secret' | 'tampered' | 'malformed';

export class SealError extends Error {
  constructor(
    readonly code: SealErrorCode,
    message: string,
    /** The id of the master secret the envelope names, when it could be read. */
    readonly keyId?: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}
