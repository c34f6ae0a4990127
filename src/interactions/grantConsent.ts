// Records consent: extends the existing grant (or starts one) with everything the prompt found
// missing, remembers what the person has now allowed the client (rememberedConsents, so another
// session is not asked again), and returns the interaction result that finishes the consent prompt.
import type { InteractionResults, Provider } from 'oidc-provider';
import type { RememberedConsents } from '../accounts/rememberedConsents.js';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export async function grantConsent(
  provider: Provider,
  details: Details,
  consents: Pick<RememberedConsents, 'remember'>,
): Promise<InteractionResults> {
  const { prompt, params, session } = details;
  const missing = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId: session?.accountId, clientId: params.client_id as string });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  if (grant.accountId && grant.clientId) {
    const resources = grant.resources ?? {};
    await consents.remember(grant.accountId, grant.clientId, {
      scopes: grant.getOIDCScope().split(' ').filter(Boolean),
      claims: grant.getOIDCClaims(),
      resources: Object.fromEntries(Object.keys(resources).map((api) => [api, grant.getResourceScope(api).split(' ')])),
    });
  }
  return { consent: { grantId } };
}
