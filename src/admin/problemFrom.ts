// The one place an admin API failure becomes a problem: invalid input (zod) names each member at
// fault, a domain refusal (AccountError, ClientError, ResourceError) keeps the domain's sentence
// and field, a store outage is 503. Anything else is not a problem but a bug, and is rethrown.
import { ZodError } from 'zod';
import { AccountError, type AccountErrorCode } from '../accounts/AccountError.js';
import { ClientError } from '../clients/ClientError.js';
import { ResourceError } from '../resources/ResourceError.js';
import { StoreUnavailableError } from '../store/errors.js';
import { Problem } from './Problem.js';

const ACCOUNT_FIELDS: Partial<Record<AccountErrorCode, string>> = {
  weak_password: 'password',
  no_mail: 'send_verification',
  invalid_link: 'token',
  invalid_roles: 'roles',
  invalid_groups: 'groups',
  invalid_attributes: 'attributes',
};
const RESOURCE_FIELDS = { id: 'id', scope: 'scope', ttl: 'access_token_ttl', claims: 'claims' } as const;

export function problemFrom(error: unknown, where: 'params' | 'query' | 'body' = 'body'): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({
      field: [where === 'body' ? '' : where, ...issue.path.map(String)].filter(Boolean).join('.') || where,
      message: issue.message,
    }));
    return new Problem('invalid_request', errors.map((each) => `${each.field}: ${each.message}`).join('; '), errors);
  }
  if (error instanceof AccountError) {
    if (error.code === 'not_found') return new Problem('not_found', error.message);
    const field = ACCOUNT_FIELDS[error.code] ?? 'email';
    const kind = error.code === 'email_taken' ? 'conflict' : 'invalid_request';
    return new Problem(kind, error.message, [{ field, message: error.message }]);
  }
  if (error instanceof ClientError) {
    if (error.code === 'not_found') return new Problem('not_found', error.message);
    return new Problem('invalid_request', error.message, [{ field: error.field, message: error.message }]);
  }
  if (error instanceof ResourceError) {
    if (error.code === 'not_found') return new Problem('not_found', error.message);
    const kind = error.code === 'invalid' ? 'invalid_request' : 'conflict';
    return new Problem(kind, error.message, [{ field: RESOURCE_FIELDS[error.field], message: error.message }]);
  }
  if (error instanceof StoreUnavailableError) return new Problem('unavailable', 'the store did not answer');
  throw error;
}
