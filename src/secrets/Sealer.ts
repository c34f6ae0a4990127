// Encrypts values before they reach the store and decrypts them on the way back. Built from the
// master secrets (OSTIARY_SECRET): the first seals, every one opens. See createSealer.ts.

export interface Sealer {
  /** The id of the master secret that seals (the first one). */
  readonly keyId: string;
  /**
   * An envelope holding `plaintext`, encrypted under the first master secret. `context` (such as
   * `setting:signing-keys`) is authenticated with it: the envelope opens only under the same
   * context, so a sealed value cannot be moved to another place in the store.
   */
  seal(plaintext: string, context: string): string;
  /**
   * The plaintext of an envelope. A value that is not an envelope is returned as it is: data
   * written before sealing existed stays readable. Throws SealError when an envelope cannot be
   * opened.
   */
  unseal(value: string, context: string): string;
  /** Whether `value` is an envelope (of any version). */
  isSealed(value: unknown): value is string;
}
