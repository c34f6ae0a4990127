// oidc-provider's loadExistingGrant, with consent remembered beyond the browser session
// (rememberedConsents): the session's grant for the client, or a new one, gets what the person
// allowed that client before, so the consent prompt asks only for what is new, or not at all.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { RememberedConsents } from '../accounts/rememberedConsents.js';

type Grant = InstanceType<KoaContextWithOIDC['oidc']['provider']['Grant']>;

const words = (value: string | undefined) => (value ?? '').split(' ').filter(Boolean);

/** Adds what was remembered to the grant; whether anything was new to it. */
function extend(grant: Grant, remembered: Awaited<ReturnType<RememberedConsents['find']>>): boolean {
  if (!remembered) return false;
  let grew = false;
  const scopes = remembered.scopes.filter((scope) => !words(grant.getOIDCScope()).includes(scope));
  if (scopes.length) grant.addOIDCScope(scopes.join(' '));
  const claims = remembered.claims.filter((claim) => !grant.getOIDCClaims().includes(claim));
  if (claims.length) grant.addOIDCClaims(claims);
  grew = scopes.length > 0 || claims.length > 0;
  for (const [api, allowed] of Object.entries(remembered.resources)) {
    const missing = allowed.filter((scope) => !words(grant.getResourceScope(api)).includes(scope));
    if (missing.length) grant.addResourceScope(api, missing.join(' '));
    grew ||= missing.length > 0;
  }
  return grew;
}

export function loadGrantWithConsent(consents: RememberedConsents) {
  return async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { provider, client, session } = ctx.oidc;
    if (!client || !session) return undefined;
    const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const found = grantId ? await provider.Grant.find(grantId) : undefined;
    const accountId = session.accountId;
    if (!accountId) return found;
    // A grant of the account this session had before (prompt=login as someone else) is not theirs.
    const existing = found?.accountId === accountId ? found : undefined;
    const remembered = await consents.find(accountId, client.clientId);
    if (!remembered) return existing;
    const grant = existing ?? new provider.Grant({ accountId, clientId: client.clientId });
    if (extend(grant, remembered) || !existing) await grant.save();
    return grant;
  };
}
