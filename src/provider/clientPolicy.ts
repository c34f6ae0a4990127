// What registered clients may be: our extra metadata (first_party, cors_origins,
// default_resource), the defaults a client gets, and the algorithms we can sign with.
import type { Configuration } from 'oidc-provider';

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
    properties: ['first_party', 'cors_origins', 'default_resource'],
    validator(_ctx, key, value) {
      if (value === undefined) return;
      if (key === 'first_party' && typeof value !== 'boolean') throw new Error('first_party must be a boolean');
      if (key === 'cors_origins' && !(Array.isArray(value) && value.every(isOrigin))) {
        throw new Error('cors_origins must be an array of origins');
      }
      if (key === 'default_resource' && typeof value !== 'string') throw new Error('default_resource must be a URI');
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
  },
};

export interface ClientExtras {
  readonly firstParty: boolean;
  readonly corsOrigins: readonly string[];
  readonly defaultResource: string | undefined;
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
  const extras: ClientExtras = {
    firstParty: metadata.first_party === true,
    corsOrigins: Array.isArray(metadata.cors_origins) ? (metadata.cors_origins as string[]) : [],
    defaultResource: typeof metadata.default_resource === 'string' ? metadata.default_resource : undefined,
  };
  extrasOf.set(client, extras);
  return extras;
}
