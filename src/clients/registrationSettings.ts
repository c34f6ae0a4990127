// What a client may ask for when it registers itself (RFC 7591) or replaces its registration (RFC
// 7592), in our settings' words, so that clientMetadata's rules (the ones `client add` follows)
// decide. Standard metadata maps to the matching setting; a member of the wrong type is refused by
// name. What only an operator decides (first-party status, a rotated secret's grace, the admin
// API) cannot be asked for: on a replacement it stays as the operator left it, and echoing it back
// unchanged is fine; two-step sign-in, once required, stays required. Standard members we do not
// keep (logo_uri, contacts, ...) are left out of the registration, as RFC 7591 3.2.1 allows.
import { ClientError } from './ClientError.js';
import type { AuthMethod, ClientSettings, EncryptionAlg, IdTokenAlg } from './ClientSettings.js';
import { newClientSettings } from './newClientSettings.js';

/** Members only an operator (or Ostiary) sets. */
const OPERATOR_ONLY = [
  'first_party',
  'default_resource',
  'previous_client_secret',
  'previous_secret_expires_at',
  'self_registered',
];
const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];
const ID_TOKEN_ALGS = ['RS256', 'ES256', 'EdDSA'];

const invalid = (member: string, message: string) => new ClientError('invalid', 'metadata', `${member}: ${message}`);

function strings(metadata: Record<string, unknown>, member: string): string[] | undefined {
  const value = metadata[member];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((each) => typeof each === 'string')) {
    throw invalid(member, 'an array of strings');
  }
  return value;
}

function text(metadata: Record<string, unknown>, member: string): string | undefined {
  const value = metadata[member];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(member, 'a string');
  return value;
}

function flag(metadata: Record<string, unknown>, member: string): boolean {
  const value = metadata[member];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw invalid(member, 'true or false');
  return value;
}

export interface RegistrationRules {
  /** APIs a registration may not name (the admin API). */
  readonly forbiddenResources: readonly string[];
  /** The stored metadata, when a registered client replaces its registration. */
  readonly current?: Record<string, unknown> | undefined;
}

export function registrationSettings(metadata: Record<string, unknown>, rules: RegistrationRules): ClientSettings {
  const { current } = rules;
  const refused = OPERATOR_ONLY.find(
    (member) =>
      metadata[member] !== undefined && JSON.stringify(metadata[member]) !== JSON.stringify(current?.[member]),
  );
  if (refused) throw invalid(refused, 'set by an operator, not at registration');
  const method = text(metadata, 'token_endpoint_auth_method');
  if (method !== undefined && !AUTH_METHODS.includes(method)) {
    throw invalid('token_endpoint_auth_method', `one of ${AUTH_METHODS.join(', ')}`);
  }
  const resources = strings(metadata, 'resources');
  const forbidden = resources?.find((resource) => rules.forbiddenResources.includes(resource));
  if (forbidden) throw invalid('resources', `${forbidden} is not for registered clients`);
  // Our answers list API scopes apart (resource_scope); one sent back joins the rest.
  const scopes = [text(metadata, 'scope'), text(metadata, 'resource_scope')].filter((each) => each !== undefined);
  const scope = scopes.length ? scopes.join(' ') : undefined;
  const encryption = text(metadata, 'id_token_encrypted_response_alg');
  const enc = text(metadata, 'id_token_encrypted_response_enc');
  if (enc !== undefined && enc !== 'A256GCM') throw invalid('id_token_encrypted_response_enc', 'A256GCM');
  const alg = text(metadata, 'id_token_signed_response_alg');
  if (alg !== undefined && !ID_TOKEN_ALGS.includes(alg)) {
    throw invalid('id_token_signed_response_alg', `one of ${ID_TOKEN_ALGS.join(', ')}`);
  }
  const applicationType = text(metadata, 'application_type');
  if (applicationType !== undefined && !['web', 'native'].includes(applicationType)) {
    throw invalid('application_type', 'web or native');
  }
  const jwks = metadata.jwks;
  if (jwks !== undefined && (typeof jwks !== 'object' || jwks === null)) throw invalid('jwks', 'a JWK Set');
  return newClientSettings({
    name: text(metadata, 'client_name') ?? '',
    grants: strings(metadata, 'grant_types'),
    redirectUris: strings(metadata, 'redirect_uris'),
    postLogoutRedirectUris: strings(metadata, 'post_logout_redirect_uris'),
    corsOrigins: strings(metadata, 'cors_origins'),
    // Absent: what the client may ask defaults as for `client add` (every OpenID scope).
    scope: scope === undefined ? undefined : scope.split(' ').filter(Boolean),
    resources,
    public: method === 'none',
    firstParty: current?.first_party === true,
    requireMfa: flag(metadata, 'require_mfa') || current?.require_mfa === true,
    requirePar: flag(metadata, 'require_pushed_authorization_requests'),
    dpop: flag(metadata, 'dpop_bound_access_tokens'),
    native: applicationType === 'native',
    authMethod: method === undefined || method === 'none' ? undefined : (method as AuthMethod),
    jwks: jwks as ClientSettings['jwks'],
    jwksUri: text(metadata, 'jwks_uri'),
    idTokenEncryption: encryption as EncryptionAlg | undefined,
    idTokenAlg: alg as IdTokenAlg | undefined,
    backchannelLogoutUri: text(metadata, 'backchannel_logout_uri'),
    backchannelLogoutSessionRequired: flag(metadata, 'backchannel_logout_session_required'),
  });
}
