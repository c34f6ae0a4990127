// Stores an interaction result and sends the browser back to the authorization endpoint (303, so
// the POST becomes a GET). The result is merged with the previous step's (oidc-provider's default):
// a consent given after a login carries that login along, or a request that asked for prompt=login
// would ask for the login again on every return.
import type { Context } from 'koa';
import type { InteractionResults, Provider } from 'oidc-provider';

export async function finishInteraction(ctx: Context, provider: Provider, result: InteractionResults): Promise<void> {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result);
  ctx.status = 303;
  ctx.redirect(returnTo);
}
