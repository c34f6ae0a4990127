// Why a client registration or change was refused: the setting at fault and a sentence saying what
// it must be. `field` is stable, so the CLI can name its flag and an admin API its JSON member.

export type ClientField =
  | 'client_id'
  | 'name'
  | 'grants'
  | 'redirect_uris'
  | 'post_logout_redirect_uris'
  | 'cors_origins'
  | 'scope'
  | 'resources'
  | 'auth_method'
  | 'jwks'
  | 'jwks_uri'
  | 'id_token_encryption'
  | 'backchannel_logout_uri'
  | 'metadata'
  | 'client_secret';

export class ClientError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found',
    readonly field: ClientField,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}
