// Errors a store raises. Each carries a stable `code` callers switch on.

/** The backend cannot be reached or did not answer in time. Becomes a 503. */
export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable' as const;

  constructor(message = 'the store is unavailable', options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A unique field (such as an account's email) is taken. */
export class DuplicateError extends Error {
  readonly code = 'duplicate' as const;

  constructor(readonly field: string) {
    super(`${field} already exists`);
    this.name = 'DuplicateError';
  }
}
