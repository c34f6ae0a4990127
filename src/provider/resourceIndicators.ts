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
import { type CanBePromise, type Client, errors, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import { apiScopesFor } from '../clients/apiScopesFor.js';
import type { Resource, ResourceStore } from '../store/Store.js';
import { clientExtras } from './clientPolicy.js';
import { storeCall } from './storeCall.js';
import { thenMaybe } from './thenMaybe.js';

export const ACCESS_TOKEN_ALG = 'ES256' as const; // compact and fast to verify for resource servers

const requestedScopes = (ctx: KoaContextWithOIDC) =>
  String(ctx.oidc.params?.scope ?? '')
    .split(' ')
    .filter(Boolean);
const isClientCredentials = (ctx: KoaContextWithOIDC) => ctx.oidc.params?.grant_type === 'client_credentials';

interface ClientApi {
  readonly resource: Resource;
  /** The scopes the client may get there. */
  readonly scopes: readonly string[];
}

interface ClientPolicy {
  readonly apis: readonly ClientApi[];
  /** Every scope it may request: its OpenID scopes and its APIs'. */
  readonly allowed: ReadonlySet<string>;
}

export function resourceIndicators(resources: ResourceStore, defaultAccessTokenTtl: number) {
  /** Per client, the policy for the API records it was worked out from (the catalog's objects). */
  const worked = new WeakMap<Client, { records: readonly Resource[]; policy: ClientPolicy }>();

  function policyOf(client: Client, records: readonly (Resource | undefined)[]): ClientPolicy {
    const found = records.filter((resource): resource is Resource => resource !== undefined); // unregistered since
    const known = worked.get(client);
    if (known && known.records.length === found.length && known.records.every((r, i) => r === found[i])) {
      return known.policy;
    }
    const { apiScopes, oidcScopes } = clientExtras(client);
    const apis = found.map((resource) => ({ resource, scopes: apiScopesFor(apiScopes, resource) }));
    const policy = { apis, allowed: new Set([...oidcScopes, ...apis.flatMap((api) => api.scopes)]) };
    worked.set(client, { records: found, policy });
    return policy;
  }

  /**
   * The client's policy from the APIs the catalog holds now: at once when it holds them all
   * (a token request then spends no promise here), else after reading them.
   */
  function policyFor(client: Client): ClientPolicy | Promise<ClientPolicy> {
    const ids = clientExtras(client).resources;
    const cached = ids.map((id) => resources.peek?.(id));
    if (cached.every((resource) => resource !== undefined)) return policyOf(client, cached);
    return Promise.all(ids.map((id) => storeCall(() => resources.get(id)))).then((read) => policyOf(client, read));
  }

  /** Refuses a scope that is neither one of the client's OpenID scopes nor of its APIs'. */
  function checkScopes(ctx: KoaContextWithOIDC, { allowed }: ClientPolicy) {
    const refused = requestedScopes(ctx).filter((scope) => !allowed.has(scope));
    if (refused.length)
      throw new errors.InvalidScope(`requested scope is not allowed: ${refused.join(' ')}`, refused.join(' '));
  }

  /** invalid_target for an API the client does not list, naming why. */
  async function refuseTarget(indicator: string): Promise<never> {
    const registered = await storeCall(() => resources.get(indicator));
    throw new errors.InvalidTarget(
      registered
        ? `this client is not registered for resource ${indicator}`
        : `resource ${indicator} is not registered`,
    );
  }

  function serverInfo(ctx: KoaContextWithOIDC, indicator: string, policy: ClientPolicy): CanBePromise<ResourceServer> {
    const api = policy.apis.find(({ resource }) => resource.id === indicator);
    if (!api) return refuseTarget(indicator);
    checkScopes(ctx, policy);
    // A service that asks for no scope gets every scope it may have there; oidc-provider reads the
    // request's scope right after this.
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
  }

  return {
    enabled: true,
    // Tokens for the resource named at authorization, even when the token request omits it.
    useGrantedResource: () => true,
    defaultResource(ctx: KoaContextWithOIDC, client: Client, oneOf?: readonly string[]) {
      if (oneOf) return oneOf[0];
      return thenMaybe(policyFor(client), (policy) => {
        checkScopes(ctx, policy);
        const asked = requestedScopes(ctx);
        const matching = policy.apis.find((api) => api.scopes.some((scope) => asked.includes(scope)));
        if (matching) return matching.resource.id;
        return isClientCredentials(ctx) ? policy.apis[0]?.resource.id : undefined;
      });
    },
    getResourceServerInfo(ctx: KoaContextWithOIDC, indicator: string, client: Client) {
      return thenMaybe(policyFor(client), (policy) => serverInfo(ctx, indicator, policy));
    },
  };
}
