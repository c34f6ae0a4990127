// Errors a command raises for the operator to fix. Each carries a stable `code` and the exit code
// the process ends with: 2 for bad input (the message names the flag), 1 for a missing record.

/** Input that cannot be used; nothing has been written. `flag` is the option or argument at fault. */
export class UsageError extends Error {
  readonly code = 'usage' as const;
  readonly exitCode = 2;

  constructor(
    readonly flag: string,
    problem: string,
  ) {
    super(`${flag}: ${problem}`);
    this.name = 'UsageError';
  }
}

/** The account, client or resource named on the command line does not exist. */
export class NotFoundError extends Error {
  readonly code = 'not_found' as const;
  readonly exitCode = 1;

  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The server named by --server or OSTIARY_URL could not be reached, or did not answer as Ostiary. */
export class ServerError extends Error {
  readonly code = 'server' as const;
  readonly exitCode = 1;

  constructor(message: string) {
    super(message);
    this.name = 'ServerError';
  }
}
