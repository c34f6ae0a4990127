// How the CLI says a ClientError: the flag of the setting at fault (exit 2), or a missing client
// (exit 1). Anything else passes through.
import { ClientError, type ClientField } from '../clients/ClientError.js';
import { NotFoundError, UsageError } from './errors.js';

const FLAGS: Record<ClientField, string> = {
  client_id: '<client_id>',
  name: '--name',
  grants: '--grant',
  redirect_uris: '--redirect-uri',
  post_logout_redirect_uris: '--post-logout-redirect-uri',
  cors_origins: '--cors-origin',
  scope: '--scope',
  resources: '--resource',
  auth_method: '--auth-method',
  client_secret: '--grace',
};

export function clientCliError(error: unknown): unknown {
  if (!(error instanceof ClientError)) return error;
  return error.code === 'not_found'
    ? new NotFoundError(error.message)
    : new UsageError(FLAGS[error.field], error.message);
}
