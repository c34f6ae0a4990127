// RFC 8707 resource indicators, and what each client may ask for. Registered APIs get JWT access
// tokens (RFC 9068, ES256) bound to their identifier as `aud`. A client gets tokens only for the
// APIs it lists (ostiary client add --resource), through every grant; any other API is
// invalid_target. A request may ask only for the client's OpenID scopes and its APIs' scopes
// (apiScopesFor); anything else is invalid_scope, where oidc-provider would silently drop it.
//
// A request that names no API but asks for API scopes gets a token for the first of the client's
// APIs that defines one of them; one asking for OpenID scopes only gets an opaque token for
// userinfo. A service (client_credentials) always gets a token for an API, the first when its
// request names neither an API nor a scope, and then with every scope it may have (RFC 6749 3.3:
// a default, not an empty token).
import { type Client, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { apiScopesFor } from '../clients/apiScopesFor.js';
import type { Resource, ResourceStore } from '../store/Store.js';
import { clientExtras } from './clientPolicy.js';
import { storeCall } from './storeCall.js';

export const ACCESS_TOKEN_ALG = 'ES256' as const; // compact and fast to verify for resource servers

const requestedScopes = (ctx: KoaContextWithOIDC) =>
  String(ctx.oidc.params?.scope ?? '')
    .split(' ')
    .filter(Boolean);
const isClientCredentials = (ctx: KoaContextWithOIDC) => ctx.oidc.params?.grant_type === 'client_credentials';

export function resourceIndicators(resources: ResourceStore, defaultAccessTokenTtl: number) {
  /** The client's APIs (skipping any unregistered since), each with the scopes it may get there. */
  async function clientApis(client: Client): Promise<{ resource: Resource; scopes: string[] }[]> {
    const { resources: ids, apiScopes } = clientExtras(client);
    const found = await Promise.all(ids.map((id) => storeCall(() => resources.get(id))));
    return found
      .filter((resource): resource is Resource => resource !== undefined)
      .map((resource) => ({ resource, scopes: apiScopesFor(apiScopes, resource) }));
  }

  /** Refuses a scope that is neither one of the client's OpenID scopes nor of its APIs'. */
  function checkScopes(ctx: KoaContextWithOIDC, client: Client, apis: { scopes: string[] }[]) {
    const { oidcScopes } = clientExtras(client);
    const allowed = new Set([...oidcScopes, ...apis.flatMap((api) => api.scopes)]);
    const refused = requestedScopes(ctx).filter((scope) => !allowed.has(scope));
    if (refused.length)
      throw new errors.InvalidScope(`requested scope is not allowed: ${refused.join(' ')}`, refused.join(' '));
  }

  return {
    enabled: true,
    // Tokens for the resource named at authorization, even when the token request omits it.
    useGrantedResource: () => true,
    async defaultResource(ctx: KoaContextWithOIDC, client: Client, oneOf?: readonly string[]) {
      if (oneOf) return oneOf[0];
      const apis = await clientApis(client);
      checkScopes(ctx, client, apis);
      const asked = requestedScopes(ctx);
      const matching = apis.find((api) => api.scopes.some((scope) => asked.includes(scope)));
      if (matching) return matching.resource.id;
      return isClientCredentials(ctx) ? apis[0]?.resource.id : undefined;
    },
    async getResourceServerInfo(ctx: KoaContextWithOIDC, indicator: string, client: Client) {
      const apis = await clientApis(client);
      const api = apis.find(({ resource }) => resource.id === indicator);
      if (!api) {
        const registered = await storeCall(() => resources.get(indicator));
        throw new errors.InvalidTarget(
          registered
            ? `this client is not registered for resource ${indicator}`
            : `resource ${indicator} is not registered`,
        );
      }
      checkScopes(ctx, client, apis);
      // A service that asks for no scope gets every scope it may have there; oidc-provider reads
      // the request's scope right after this.
      if (isClientCredentials(ctx) && requestedScopes(ctx).length === 0 && ctx.oidc.params) {
        ctx.oidc.params.scope = api.scopes.join(' ') || undefined;
      }
      return {
        scope: api.scopes.join(' '),
        audience: api.resource.id,
        accessTokenTTL: api.resource.accessTokenTtl ?? defaultAccessTokenTtl,
        accessTokenFormat: 'jwt' as const,
        jwt: { sign: { alg: ACCESS_TOKEN_ALG } },
      };
    },
  };
}
