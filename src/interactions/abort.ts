// POST /interaction/:uid/abort — the user denied consent or cancelled the login: the client gets
// access_denied at its redirect_uri.
import type { Context } from 'koa';
import { finishInteraction } from './finishInteraction.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';

export function abort({ provider, csrf }: InteractionDeps) {
  return async function abortRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    requireCsrf(ctx, csrf, details.uid);
    return finishInteraction(ctx, current, {
      error: 'access_denied',
      error_description: 'The user denied the request',
    });
  };
}
