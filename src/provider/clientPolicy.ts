// What registered clients may be: our extra metadata (first_party, cors_origins, resources,
// resource_scope, and default_resource from before resources), the defaults a client gets, and the
// algorithms we can sign with.
import type { Configuration } from 'oidc-provider';
import { OIDC_SCOPES } from '../clients/ClientSettings.js';
import { settingsOf } from '../clients/clientMetadata.js';

const isOrigin = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

export const clientPolicy: Pick<Configuration, 'extraClientMetadata' | 'clientDefaults' | 'enabledJWA'> = {
  extraClientMetadata: {
    properties: [
      'first_party',
      'require_mfa',
      'cors_origins',
      'resources',
      'resource_scope',
      'default_resource',
      // A rotated secret still accepted until previous_secret_expires_at (epoch seconds).
      'previous_client_secret',
      'previous_secret_expires_at',
      // Registered by itself (RFC 7591), not by an operator (registrationPolicy).
      'self_registered',
    ],
    validator(_ctx, key, value) {
      if (value === undefined) return;
      if (key === 'first_party' && typeof value !== 'boolean') throw new Error('first_party must be a boolean');
      if (key === 'require_mfa' && typeof value !== 'boolean') throw new Error('require_mfa must be a boolean');
      if (key === 'self_registered' && value !== true) throw new Error('self_registered is true or absent');
      if (key === 'cors_origins' && !(Array.isArray(value) && value.every(isOrigin))) {
        throw new Error('cors_origins must be an array of origins');
      }
      if (key === 'resources' && !(Array.isArray(value) && value.every((id) => typeof id === 'string'))) {
        throw new Error('resources must be an array of URIs');
      }
      if (key === 'resource_scope' && typeof value !== 'string') throw new Error('resource_scope must be a string');
      if (key === 'default_resource' && typeof value !== 'string') throw new Error('default_resource must be a URI');
      if (key === 'previous_client_secret' && typeof value !== 'string') {
        throw new Error('previous_client_secret must be a string');
      }
      if (key === 'previous_secret_expires_at' && !Number.isInteger(value)) {
        throw new Error('previous_secret_expires_at must be a whole number of seconds');
      }
    },
  },
  clientDefaults: {
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256', // what OIDC Core 15.1 makes every client support
  },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256', 'ES256', 'EdDSA'],
    userinfoSigningAlgValues: ['RS256', 'ES256', 'EdDSA'],
    introspectionSigningAlgValues: ['RS256', 'ES256', 'EdDSA'],
    // Encryption to a client's own key (features.encryption): exactly what `--id-token-encryption` offers.
    idTokenEncryptionAlgValues: ['RSA-OAEP-256', 'ECDH-ES'],
    idTokenEncryptionEncValues: ['A256GCM'],
    userinfoEncryptionAlgValues: ['RSA-OAEP-256', 'ECDH-ES'],
    userinfoEncryptionEncValues: ['A256GCM'],
    // DPoP proofs: ES256, what browsers' WebCrypto and openid-client make.
    dPoPSigningAlgValues: ['ES256'],
  },
};

export interface ClientExtras {
  readonly firstParty: boolean;
  /** Only a two-factor sign-in may give it a code. */
  readonly requireMfa: boolean;
  readonly corsOrigins: readonly string[];
  /** The APIs it may get tokens for; the first is the default. */
  readonly resources: readonly string[];
  /** The OpenID scopes it may request. */
  readonly oidcScopes: ReadonlySet<string>;
  /** The API scopes it listed (see apiScopesFor). */
  readonly apiScopes: ReadonlySet<string>;
  /** It registered itself (RFC 7591): it is not an API's own client, whatever it lists. */
  readonly selfRegistered: boolean;
}

/**
 * Our extra metadata of a loaded client. oidc-provider rebuilds its whole snake_case metadata on
 * every metadata() call (about 6 % of a token request), and a Client instance never changes (a
 * changed registration is a new instance), so the answer is kept per instance.
 */
const extrasOf = new WeakMap<object, ClientExtras>();

export function clientExtras(client: { metadata(): Record<string, unknown> }): ClientExtras {
  const known = extrasOf.get(client);
  if (known) return known;
  const metadata = client.metadata();
  const settings = settingsOf({ client_id: '', ...metadata });
  const isOidc = (scope: string) => (OIDC_SCOPES as readonly string[]).includes(scope);
  const extras: ClientExtras = {
    firstParty: settings.firstParty,
    requireMfa: settings.requireMfa,
    corsOrigins: settings.corsOrigins,
    resources: settings.resources,
    oidcScopes: new Set(settings.scope?.filter(isOidc)),
    apiScopes: new Set(settings.scope?.filter((scope) => !isOidc(scope))),
    selfRegistered: metadata.self_registered === true,
  };
  extrasOf.set(client, extras);
  return extras;
}
