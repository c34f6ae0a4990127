// POST /interaction/:uid/switch — "Not you?" on the consent page: the same authorization request
// starts again with prompt=login, so the person signs in as the account they meant (the
// abandoned interaction simply expires). The client's own parameters (state, nonce, PKCE) travel
// unchanged, so the code still reaches it as it asked.
import type { Context } from 'koa';
import { ROUTES } from '../provider/providerRoutes.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';

export function switchAccount({ provider, csrf }: InteractionDeps, basePath: string) {
  return async function switchAccountRoute(ctx: Context) {
    const details = await loadInteraction(ctx, provider());
    requireCsrf(ctx, csrf, details.uid);
    const params = Object.entries(details.params).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'prompt',
    );
    const query = new URLSearchParams([...params, ['prompt', 'login']]);
    ctx.status = 303;
    ctx.redirect(`${basePath}${ROUTES.authorization}?${query}`);
  };
}
