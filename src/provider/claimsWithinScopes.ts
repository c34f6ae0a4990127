// The `claims` request parameter (OIDC Core 5.5) may ask only for what the client could get by
// scope: a claim whose releasing scope (scopeClaims) the client may not request is
// invalid_request, as an unlisted scope is invalid_scope. The members keep oidc-provider's shape
// check: each is null or an object. Claims every ID token has (sub, acr, amr, ...) are always fine.
import { type Client, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { clientExtras } from './clientPolicy.js';
import { scopesReleasing } from './scopeClaims.js';

type ClaimsRequest = Partial<Record<'userinfo' | 'id_token', Record<string, unknown>>>;

export async function claimsWithinScopes(_ctx: KoaContextWithOIDC, claims: ClaimsRequest, client: Client) {
  const allowed = clientExtras(client).oidcScopes;
  for (const container of ['userinfo', 'id_token'] as const) {
    const members = claims[container];
    if (members === undefined) continue;
    for (const [claim, value] of Object.entries(members)) {
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
        throw new errors.InvalidRequest(`claims.${container} members must be null or objects`);
      }
      const scopes = scopesReleasing(claim);
      if (scopes.length && !scopes.includes('openid') && !scopes.some((scope) => allowed.has(scope))) {
        throw new errors.InvalidRequest(
          `claims.${container}.${claim} needs the ${scopes.join(' or ')} scope, which this client may not request`,
        );
      }
    }
  }
}
