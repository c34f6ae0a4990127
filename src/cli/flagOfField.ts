// The command-line flag (or operand) that sets an admin API member, so a refused value is reported
// by the name the operator typed. A member no flag sets keeps its own name.

const FLAGS: Record<string, string> = {
  // users
  email: '--email',
  password: '--password',
  send_verification: '--send-verification',
  roles: '--role',
  groups: '--group',
  attributes: '--attr',
  // clients
  client_id: '<client_id>',
  name: '--name',
  grants: '--grant',
  redirect_uris: '--redirect-uri',
  post_logout_redirect_uris: '--post-logout-redirect-uri',
  cors_origins: '--cors-origin',
  scope: '--scope',
  resources: '--resource',
  auth_method: '--auth-method',
  jwks: '--jwks',
  jwks_uri: '--jwks-uri',
  id_token_encryption: '--id-token-encryption',
  require_mfa: '--require-mfa',
  require_par: '--require-par',
  dpop: '--dpop',
  id_token_alg: '--id-token-alg',
  backchannel_logout_uri: '--backchannel-logout-uri',
  backchannel_logout_session_required: '--backchannel-logout-session-required',
  client_secret: '--grace',
  grace_seconds: '--grace',
  // registration tokens
  expires_in: '--expires',
  uses: '--uses',
  // resources
  id: '--id',
  access_token_ttl: '--ttl',
  force: '--force',
  claims: '--claims',
  // keys
  alg: '--alg',
  kid: '<kid>',
};

/** `redirect_uris.0` → `--redirect-uri`; `query.limit` → `query.limit`. */
export function flagOfField(field: string): string {
  return FLAGS[field.split('.')[0] ?? field] ?? field;
}
