// The rules of client registration, in one place: checks a client's settings against the
// registered APIs and turns them into the metadata oidc-provider reads (plus our first_party,
// cors_origins, resources and resource_scope), or throws ClientError naming the setting at fault.
// settingsOf reads the settings back from stored metadata (older clients' default_resource too).
import type { ClientMetadata, Resource } from '../store/Store.js';
import { ClientError } from './ClientError.js';
import {
  type AuthMethod,
  type ClientSettings,
  DEVICE_CODE,
  ENCRYPTION_ALGS,
  type EncryptionAlg,
  GRANTS,
  type IdTokenAlg,
  OIDC_SCOPES,
} from './ClientSettings.js';
import { checkClientKeys } from './checkClientKeys.js';
import { checkOrigin } from './checkOrigin.js';
import { checkRedirectUri } from './checkRedirectUri.js';

export interface ClientRules {
  /** NODE_ENV=production: redirect URIs must be https (a native client's loopback aside). */
  readonly production: boolean;
  /** The registered APIs, by id. */
  readonly resources: ReadonlyMap<string, Resource>;
}

const invalid = (field: ConstructorParameters<typeof ClientError>[1], message: string) =>
  new ClientError('invalid', field, message);
const isOidcScope = (scope: string) => (OIDC_SCOPES as readonly string[]).includes(scope);

function checkGrants(settings: ClientSettings): string[] {
  const grants = [...new Set(settings.grants)];
  const unknown = grants.find((grant) => !(GRANTS as readonly string[]).includes(grant));
  if (unknown) throw invalid('grants', `unknown grant "${unknown}"; one of ${GRANTS.join(', ')}`);
  if (grants.length === 0) throw invalid('grants', `at least one of ${GRANTS.join(', ')}`);
  if (settings.public && grants.includes('client_credentials')) {
    throw invalid('grants', 'a public client cannot use client_credentials: it has no secret to prove itself');
  }
  if (grants.includes('refresh_token') && !grants.includes('authorization_code') && !grants.includes(DEVICE_CODE)) {
    throw invalid(
      'grants',
      'refresh_token needs authorization_code or the device code grant (refresh tokens come from user sign-ins)',
    );
  }
  return grants;
}

function checkResources(ids: readonly string[], rules: ClientRules): Resource[] {
  return [...new Set(ids)].map((id) => {
    const resource = rules.resources.get(id);
    if (!resource) throw invalid('resources', `no resource "${id}" (register it with ostiary resource add)`);
    return resource;
  });
}

/** Splits the scope into the OpenID scopes and the API scopes, each checked. */
function checkScope(settings: ClientSettings, signsIn: boolean, resources: readonly Resource[]) {
  if (settings.scope === undefined) return { oidc: signsIn ? [...OIDC_SCOPES] : [], api: [] };
  const scopes = [...new Set(settings.scope)];
  const apiScopes = new Set(resources.flatMap((resource) => resource.scope.split(' ')));
  for (const scope of scopes) {
    if (isOidcScope(scope) && !signsIn) {
      throw invalid('scope', `"${scope}" is an OpenID scope: it needs a grant that signs people in`);
    }
    if (!isOidcScope(scope) && !apiScopes.has(scope)) {
      const apis = resources.length
        ? `a scope of ${resources.map((r) => r.id).join(', ')}`
        : 'an API scope (add --resource)';
      throw invalid('scope', `"${scope}" is neither an OpenID scope (${OIDC_SCOPES.join(', ')}) nor ${apis}`);
    }
  }
  return { oidc: scopes.filter(isOidcScope), api: scopes.filter((scope) => !isOidcScope(scope)) };
}

/**
 * Where the client hears of sign-outs: an http(s) URL without fragment (https in production), for a
 * client that signs people in. Requiring `sid` needs the URL.
 */
function checkBackchannelLogout(settings: ClientSettings, signsIn: boolean, rules: ClientRules) {
  const uri = settings.backchannelLogoutUri;
  if (uri === undefined) {
    if (settings.backchannelLogoutSessionRequired) {
      throw invalid('backchannel_logout_uri', 'requiring sid in logout tokens needs a back-channel logout URI');
    }
    return {};
  }
  if (!signsIn) throw invalid('backchannel_logout_uri', 'only for a client that signs people in');
  return {
    backchannel_logout_uri: checkRedirectUri('backchannel_logout_uri', uri, {
      native: false,
      production: rules.production,
    }),
    ...(settings.backchannelLogoutSessionRequired ? { backchannel_logout_session_required: true } : {}),
  };
}

/** The metadata for these settings, without client_id and client_secret. */
export function clientMetadata(settings: ClientSettings, rules: ClientRules): Omit<ClientMetadata, 'client_id'> {
  const name = settings.name.trim();
  if (!name) throw invalid('name', 'a non-empty name');
  const grants = checkGrants(settings);
  const codeFlow = grants.includes('authorization_code');
  const uris = (field: 'redirect_uris' | 'post_logout_redirect_uris', list: readonly string[]) => {
    if (list.length && !codeFlow) throw invalid(field, 'only used with the authorization_code grant');
    return [...new Set(list)].map((uri) =>
      checkRedirectUri(field, uri, { native: settings.native, production: rules.production }),
    );
  };
  const redirectUris = uris('redirect_uris', settings.redirectUris);
  if (codeFlow && redirectUris.length === 0) {
    throw invalid('redirect_uris', 'required with the authorization_code grant (give at least one)');
  }
  const postLogoutRedirectUris = uris('post_logout_redirect_uris', settings.postLogoutRedirectUris);
  const corsOrigins = [...new Set(settings.corsOrigins.map(checkOrigin))];
  if (settings.public && settings.authMethod) {
    throw invalid('auth_method', 'a public client has no secret, so no secret authentication method');
  }
  const keys = checkClientKeys(settings, rules.production);
  if (settings.authMethod === 'private_key_jwt' && !keys.jwks && !keys.jwks_uri) {
    throw invalid('auth_method', 'private_key_jwt needs the client’s public keys: --jwks FILE or --jwks-uri URL');
  }
  const encryption = settings.idTokenEncryption;
  if (encryption) {
    if (!ENCRYPTION_ALGS.includes(encryption)) {
      throw invalid('id_token_encryption', `one of ${ENCRYPTION_ALGS.join(', ')}`);
    }
    if (!keys.jwks && !keys.jwks_uri) {
      throw invalid('id_token_encryption', 'encrypting needs the client’s public keys: --jwks FILE or --jwks-uri URL');
    }
    const kty = encryption === 'ECDH-ES' ? 'EC' : 'RSA';
    if (keys.jwks && !keys.jwks.keys.some((key) => key.kty === kty && (key.use === undefined || key.use === 'enc'))) {
      throw invalid(
        'id_token_encryption',
        `${encryption} needs an ${kty} key for encryption (use "enc") in the client’s keys`,
      );
    }
  }
  const signsIn = codeFlow || grants.includes(DEVICE_CODE);
  const backchannel = checkBackchannelLogout(settings, signsIn, rules);
  const resources = checkResources(settings.resources, rules);
  const scope = checkScope(settings, signsIn, resources);
  return {
    client_name: name,
    application_type: settings.native ? 'native' : 'web',
    grant_types: grants,
    response_types: codeFlow ? ['code'] : [],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
    token_endpoint_auth_method: settings.public ? 'none' : (settings.authMethod ?? 'client_secret_basic'),
    ...(settings.idTokenAlg ? { id_token_signed_response_alg: settings.idTokenAlg } : {}),
    ...keys,
    // Nested: signed as usual, then encrypted to the client's key; userinfo becomes a JWT the same way.
    ...(encryption
      ? {
          id_token_encrypted_response_alg: encryption,
          id_token_encrypted_response_enc: 'A256GCM',
          userinfo_signed_response_alg: settings.idTokenAlg ?? 'RS256',
          userinfo_encrypted_response_alg: encryption,
          userinfo_encrypted_response_enc: 'A256GCM',
        }
      : {}),
    ...(scope.oidc.length ? { scope: scope.oidc.join(' ') } : {}),
    ...(settings.firstParty ? { first_party: true } : {}),
    ...(settings.requireMfa ? { require_mfa: true } : {}),
    ...(settings.requirePar ? { require_pushed_authorization_requests: true } : {}),
    ...(settings.dpop ? { dpop_bound_access_tokens: true } : {}),
    ...backchannel,
    ...(corsOrigins.length ? { cors_origins: corsOrigins } : {}),
    ...(resources.length ? { resources: resources.map((resource) => resource.id) } : {}),
    ...(scope.api.length ? { resource_scope: scope.api.join(' ') } : {}),
  };
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
const words = (value: unknown): string[] => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []);

/** The settings stored metadata stands for; a client from before `resources` had default_resource. */
export function settingsOf(metadata: ClientMetadata): ClientSettings {
  const method = metadata.token_endpoint_auth_method;
  const resources = list(metadata.resources);
  const legacyResource = typeof metadata.default_resource === 'string' ? [metadata.default_resource] : [];
  return {
    name: String(metadata.client_name ?? ''),
    grants: list(metadata.grant_types),
    redirectUris: list(metadata.redirect_uris),
    postLogoutRedirectUris: list(metadata.post_logout_redirect_uris),
    corsOrigins: list(metadata.cors_origins),
    scope: [...words(metadata.scope), ...words(metadata.resource_scope)],
    resources: resources.length ? resources : legacyResource,
    public: method === 'none',
    firstParty: metadata.first_party === true,
    requireMfa: metadata.require_mfa === true,
    requirePar: metadata.require_pushed_authorization_requests === true,
    dpop: metadata.dpop_bound_access_tokens === true,
    native: metadata.application_type === 'native',
    authMethod: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'].includes(String(method))
      ? (method as AuthMethod)
      : undefined,
    jwks: metadata.jwks as ClientSettings['jwks'],
    jwksUri: typeof metadata.jwks_uri === 'string' ? metadata.jwks_uri : undefined,
    idTokenEncryption: metadata.id_token_encrypted_response_alg as EncryptionAlg | undefined,
    idTokenAlg: metadata.id_token_signed_response_alg as IdTokenAlg | undefined,
    backchannelLogoutUri:
      typeof metadata.backchannel_logout_uri === 'string' ? metadata.backchannel_logout_uri : undefined,
    backchannelLogoutSessionRequired: metadata.backchannel_logout_session_required === true,
  };
}
