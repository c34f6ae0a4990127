// RFC 8707 resource indicators: registered APIs get JWT access tokens (RFC 9068, ES256) bound to
// their identifier as `aud`. A client without `resource` falls back to its default_resource.
// Unknown resources are refused by name.
import { type Client, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { ResourceStore } from '../store/Store.js';
import { clientExtras } from './clientPolicy.js';
import { storeCall } from './storeCall.js';

export const ACCESS_TOKEN_ALG = 'ES256' as const; // compact and fast to verify for resource servers

export function resourceIndicators(resources: ResourceStore, defaultAccessTokenTtl: number) {
  return {
    enabled: true,
    // Tokens for the resource named at authorization, even when the token request omits it.
    useGrantedResource: () => true,
    defaultResource: (_ctx: KoaContextWithOIDC, client: Client, oneOf?: readonly string[]) =>
      oneOf ? oneOf[0] : clientExtras(client).defaultResource,
    getResourceServerInfo: async (ctx: KoaContextWithOIDC, indicator: string, client: Client) => {
      const resource = await storeCall(() => resources.get(indicator));
      if (!resource) throw new errors.InvalidTarget(`resource ${indicator} is not registered`);
      // No user consents to a service's token, so a service only gets tokens for the API it was
      // registered with (ostiary client add --resource).
      if (ctx.oidc.params?.grant_type === 'client_credentials' && clientExtras(client).defaultResource !== indicator) {
        throw new errors.InvalidTarget(`this client is not registered for resource ${indicator}`);
      }
      return {
        scope: resource.scope,
        audience: resource.id,
        accessTokenTTL: resource.accessTokenTtl ?? defaultAccessTokenTtl,
        accessTokenFormat: 'jwt' as const,
        jwt: { sign: { alg: ACCESS_TOKEN_ALG } },
      };
    },
  };
}
