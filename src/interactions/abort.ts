// POST /interaction/:uid/abort — the user denied consent or cancelled the login: the client gets
// access_denied at its redirect_uri. Audited as consent.denied.
import type { Context } from 'koa';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import { finishInteraction } from './finishInteraction.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';

export function abort({ provider, csrf, audit }: InteractionDeps) {
  return async function abortRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    requireCsrf(ctx, csrf, details.uid);
    audit.record({
      event: 'consent.denied',
      outcome: 'failure',
      reason: details.prompt.name === 'login' ? 'sign_in_cancelled' : 'consent_refused',
      ...auditFacts(requestContextOf(ctx.req)),
    });
    return finishInteraction(ctx, current, {
      error: 'access_denied',
      error_description: 'The user denied the request',
    });
  };
}
