// Introspection and revocation of our JWT access tokens (RFC 9068, the tokens APIs get).
// oidc-provider answers unsupported_token_type for a structured token, once the caller is
// authenticated; this middleware answers instead, as RFC 7662 and RFC 7009 expect:
// - introspection: 200 `{ active: true, ...claims }` while the signature (our keys), the issuer,
//   the expiry, the grant it was issued under (the `grant_id` claim) and the account are all still
//   good; `{ active: false }` once the grant is revoked (logout, reuse detection, a revoked refresh
//   token, an app removed, `user revoke`) or the account is gone or disabled. Asked by the client it
//   was issued to, or by a client registered for the API it is for (the API itself, registered as
//   a client listing that resource); anyone else learns `active: false`.
// - revocation: by the client it was issued to, revokes its grant (every token of that sign-in);
//   anyone else gets 200 and nothing happens (RFC 7009 2.2).
import type { JWTPayload } from 'jose';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { revokeGrant } from '../accounts/revokeGrant.js';
import type { Audit } from '../audit/Audit.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import { publicJwks } from '../keys/providerJwks.js';
import type { SigningKeySet } from '../keys/SigningKeyRecord.js';
import type { Store } from '../store/Store.js';
import type { ActiveAccount } from './activeAccount.js';
import { clientExtras } from './clientPolicy.js';
import { ROUTES } from './providerRoutes.js';

/** The claim naming the grant a JWT access token was issued under. */
export const GRANT_CLAIM = 'grant_id';

type Claims = JWTPayload & { client_id?: string; scope?: string; [GRANT_CLAIM]?: string };

export interface JwtAccessTokenDeps {
  readonly store: Pick<Store, 'artifacts'>;
  readonly signingKeys: SigningKeySet;
  readonly issuer: string;
  readonly active: ActiveAccount;
  readonly audit: Audit;
}

/** The extra claim every JWT access token of a sign-in carries (none for client credentials). */
export function grantClaim(token: { kind: string; grantId?: string; resourceServer?: { accessTokenFormat?: string } }) {
  const structured = token.kind === 'AccessToken' && token.resourceServer?.accessTokenFormat === 'jwt';
  return structured && token.grantId ? { [GRANT_CLAIM]: token.grantId } : undefined;
}

/**
 * The API's own client: one an operator registered listing the API. A client that registered
 * itself may list any API to get tokens for it, which makes it no API: it sees only its own.
 */
function isApiClient(caller: Parameters<typeof clientExtras>[0], audiences: readonly string[]) {
  const extras = clientExtras(caller);
  return !extras.selfRegistered && audiences.some((api) => extras.resources.includes(api));
}

export function jwtAccessTokens(deps: JwtAccessTokenDeps) {
  const keys = createLocalJWKSet(publicJwks(deps.signingKeys));

  /** The token's claims when it is ours, signed, unexpired; undefined otherwise. */
  async function verified(token: string): Promise<Claims | undefined> {
    try {
      const { payload } = await jwtVerify<Claims>(token, keys, { issuer: deps.issuer, typ: 'at+jwt' });
      return payload;
    } catch {
      return undefined;
    }
  }

  /** The grant the token was issued under, still standing and still the same sign-in's. */
  async function standingGrant(claims: Claims): Promise<boolean> {
    const grantId = claims[GRANT_CLAIM];
    if (grantId === undefined) return claims.sub === undefined || claims.sub === claims.client_id; // client credentials
    const grant = await deps.store.artifacts.find('Grant', grantId);
    if (!grant || grant.accountId !== claims.sub || grant.clientId !== claims.client_id) return false;
    return (await deps.active(String(claims.sub), claims.iat)) !== undefined;
  }

  async function introspect(ctx: KoaContextWithOIDC, token: string, callerId: string) {
    const claims = await verified(token);
    const audiences = [claims?.aud ?? []].flat();
    const caller = ctx.oidc.client;
    const mayAsk =
      claims !== undefined &&
      (claims.client_id === callerId || (caller !== undefined && isApiClient(caller, audiences)));
    if (!claims || !mayAsk || !(await standingGrant(claims))) {
      ctx.body = { active: false };
      return;
    }
    const { [GRANT_CLAIM]: _grant, ...rest } = claims;
    ctx.body = { ...rest, active: true, token_type: claims.cnf ? 'DPoP' : 'Bearer' };
  }

  async function revoke(ctx: KoaContextWithOIDC, token: string, callerId: string) {
    ctx.body = '';
    const claims = await verified(token);
    const grantId = claims?.[GRANT_CLAIM];
    if (!claims || claims.client_id !== callerId || grantId === undefined) return;
    const grant = await deps.store.artifacts.find('Grant', grantId);
    if (!grant || grant.clientId !== callerId) return;
    await revokeGrant(deps.store.artifacts, grantId);
    const facts = auditFacts(requestContextOf(ctx.req));
    deps.audit.record({
      event: 'token.revoked',
      outcome: 'success',
      ...facts,
      accountId: typeof claims.sub === 'string' ? claims.sub : facts.accountId,
      details: { kind: 'AccessToken', format: 'jwt', grantId },
    });
  }

  async function answering(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    const route = ctx.oidc?.route;
    if (route !== 'introspection' && route !== 'revocation') return;
    const refused = (ctx.body as { error?: string } | undefined)?.error === 'unsupported_token_type';
    const callerId = ctx.oidc.client?.clientId;
    const token = ctx.oidc.params?.token;
    if (!refused || !callerId || typeof token !== 'string') return;
    ctx.status = 200;
    if (route === 'introspection') await introspect(ctx, token, callerId);
    else await revoke(ctx, token, callerId);
  }
  return function jwtAccessTokenMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    const ours = ctx.method === 'POST' && (ctx.path === ROUTES.introspection || ctx.path === ROUTES.revocation);
    return ours ? answering(ctx, next) : next();
  };
}
