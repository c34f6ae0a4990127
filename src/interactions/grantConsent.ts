// Records consent: extends the existing grant (or starts one) with everything the prompt found
// missing, and returns the interaction result that finishes the consent prompt.
import type { InteractionResults, Provider } from 'oidc-provider';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export async function grantConsent(provider: Provider, details: Details): Promise<InteractionResults> {
  const { prompt, params, session, grantId } = details;
  const missing = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant =
    (grantId ? await provider.Grant.find(grantId) : undefined) ??
    new provider.Grant({ accountId: session?.accountId, clientId: params.client_id as string });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return { consent: { grantId: await grant.save() } };
}
