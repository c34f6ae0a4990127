// POST /interaction/:uid/confirm — the user allowed the client: record the grant and finish
// the consent prompt. Audited as consent.granted.
import type { Context } from 'koa';
import { PageError } from '../http/PageError.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import { text } from '../i18n/translator.js';
import { finishInteraction } from './finishInteraction.js';
import { grantConsent } from './grantConsent.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';

export function confirmConsent({ provider, csrf, audit, consents }: InteractionDeps) {
  return async function confirmConsentRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'consent') throw new PageError(400, 'invalid_request', text('consent.nothing'));
    requireCsrf(ctx, csrf, details.uid);
    const result = await grantConsent(current, details, consents);
    audit.record({ event: 'consent.granted', outcome: 'success', ...auditFacts(requestContextOf(ctx.req)) });
    return finishInteraction(ctx, current, result);
  };
}
