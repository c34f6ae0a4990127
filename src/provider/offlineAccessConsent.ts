// Provider middleware: `offline_access` without `prompt=consent`. OpenID Connect has the provider
// drop offline_access unless the request asks for consent, and oidc-provider does; clients usually
// do not ask. So a request for offline_access (not prompt=none) gets `consent` added to its prompt,
// with a mark saying it was added: the consent page then asks only when the person has not allowed
// it before (showInteraction skips a consent prompt that only this mark asked for and that
// remembered consent covers), and shows it as "Stay signed in to <app>". A client's own
// prompt=consent still always asks. Pushed (PAR) requests follow OpenID Connect's rule as they are.
import type { KoaContextWithOIDC } from 'oidc-provider';
import { ROUTES } from './providerRoutes.js';

/** The authorization parameter that marks a consent prompt as ours (oidc-provider keeps it). */
export const ADDED_CONSENT_PARAM = 'ostiary_added_consent';

const words = (value: unknown) => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []);

export function offlineAccessConsent(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  if (ctx.method !== 'GET' || ctx.path !== ROUTES.authorization) return next();
  const { [ADDED_CONSENT_PARAM]: _fromOutside, ...query } = ctx.query;
  const prompts = words(query.prompt);
  const wanted =
    words(query.scope).includes('offline_access') && !prompts.includes('consent') && !prompts.includes('none');
  if (wanted) ctx.query = { ...query, prompt: [...prompts, 'consent'].join(' '), [ADDED_CONSENT_PARAM]: 'yes' };
  else if (_fromOutside !== undefined) ctx.query = query;
  return next();
}
