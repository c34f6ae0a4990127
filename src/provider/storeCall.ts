// Runs a store call on oidc-provider's behalf. When the store is unavailable, the error becomes
// the OAuth error `temporarily_unavailable` with status 503, which oidc-provider's own error
// handlers pass through (as JSON, or through renderError as a page) instead of a 500.
import { errors } from 'oidc-provider';
import { StoreUnavailableError } from '../store/errors.js';

const DESCRIPTION = 'The service is temporarily unavailable. Try again in a moment.';

export function temporarilyUnavailable(cause: unknown): Error {
  const error = new errors.CustomOIDCProviderError('temporarily_unavailable', DESCRIPTION, { cause });
  return Object.assign(error, { status: 503, statusCode: 503, expose: true });
}

export async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw temporarilyUnavailable(error);
    throw error;
  }
}
