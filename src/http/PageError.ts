// An error meant for a person: the error handler renders it as a page with this status, OAuth
// error code and sentence (or as OAuth JSON when the request is not for a page).

export class PageError extends Error {
  readonly code = 'page_error' as const;

  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'PageError';
  }
}
