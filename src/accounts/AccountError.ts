// Why an account change was refused. `code` is stable, so each interface (the CLI, the admin API,
// the pages) can say it in its own way; `message` is a sentence a person can act on.

export type AccountErrorCode =
  | 'invalid_email'
  | 'weak_password'
  | 'email_taken'
  | 'not_found'
  /** A reset or verification link that is unknown, expired, used, or overtaken by a later change. */
  | 'invalid_link'
  /** Mail is needed and none can be sent (production without SMTP_URL). */
  | 'no_mail'
  /** A role, group or attribute that cannot be a claim. */
  | 'invalid_roles'
  | 'invalid_groups'
  | 'invalid_attributes';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
