// Client metadata as the CLI and the admin API show it after creation: the client secret is printed once, by
// `client add`, and never again.
import type { ClientMetadata } from '../store/Store.js';

export function withoutSecret(metadata: ClientMetadata): ClientMetadata {
  const { client_secret: _secret, previous_client_secret: _previous, ...rest } = metadata;
  return rest;
}
