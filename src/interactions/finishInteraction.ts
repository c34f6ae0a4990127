// Stores an interaction result and sends the browser back to the authorization endpoint (303, so
// the POST becomes a GET).
import type { Context } from 'koa';
import type { InteractionResults, Provider } from 'oidc-provider';

export async function finishInteraction(ctx: Context, provider: Provider, result: InteractionResults): Promise<void> {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(returnTo);
}
