// Errors a store raises. Each carries a stable `code` callers switch on.

/** The backend cannot be reached or did not answer in time. Becomes a 503. */
export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable' as const;

  constructor(message = 'the store is unavailable', options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * There is no Ostiary data where the configuration points (an empty DATA_DIR, or a Redis prefix
 * holding no keys), and the caller may not create it: the `ostiary` command only works on a store
 * the server (or `ostiary init`) set up. The message says where it looked and what to set.
 */
export class StoreNotFoundError extends Error {
  readonly code = 'store_not_found' as const;

  constructor(message: string) {
    super(message);
    this.name = 'StoreNotFoundError';
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
