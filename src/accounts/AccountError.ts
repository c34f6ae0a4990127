// Why an account change was refused. `code` is stable, so each interface (the CLI, the admin API,
// the pages) can say it in its own way; `message` is a sentence a person can act on.

export type AccountErrorCode = 'invalid_email' | 'weak_password' | 'email_taken' | 'not_found';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
