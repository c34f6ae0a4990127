// POST /interaction/:uid/confirm — the user allowed the client: record the grant and finish
// the consent prompt.
import type { Context } from 'koa';
import { PageError } from '../http/PageError.js';
import { finishInteraction } from './finishInteraction.js';
import { grantConsent } from './grantConsent.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';

export function confirmConsent({ provider, csrf }: InteractionDeps) {
  return async function confirmConsentRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'consent') throw new PageError(400, 'invalid_request', 'There is nothing to allow.');
    requireCsrf(ctx, csrf, details.uid);
    return finishInteraction(ctx, current, await grantConsent(current, details));
  };
}
