// How the CLI says an AccountError: a refused email or password names its flag (exit 2), a
// missing account exits 1. Anything else passes through.
import { AccountError } from '../accounts/AccountError.js';
import { NotFoundError, UsageError } from './errors.js';

export function accountCliError(error: unknown): unknown {
  if (!(error instanceof AccountError)) return error;
  switch (error.code) {
    case 'invalid_email':
    case 'email_taken':
      return new UsageError('--email', error.message);
    case 'weak_password':
      return new UsageError('--password', error.message);
    case 'not_found':
      return new NotFoundError(error.message);
  }
}
