// Loads the interaction a request belongs to, from the interaction cookie, and checks that it is
// the one named in the URL. A missing or expired interaction becomes a readable page, not a 500.
// The request's context learns the client and account it is about (for its log line and audit).
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { PageError } from '../http/PageError.js';
import { requestContextOf } from '../http/requestContext.js';
import { text } from '../i18n/translator.js';

export type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export async function loadInteraction(ctx: Context, provider: Provider): Promise<Interaction> {
  let details: Interaction;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch (error) {
    if ((error as { name?: string }).name === 'SessionNotFound') {
      throw new PageError(400, 'invalid_request', text('error.interaction_expired'));
    }
    throw error;
  }
  if (details.uid !== ctx.params.uid) {
    throw new PageError(400, 'invalid_request', text('error.interaction_mismatch'));
  }
  ctx.state.uiLocales = details.params.ui_locales; // the client's language wish, for every page of this sign-in
  const context = requestContextOf(ctx.req);
  if (context) {
    context.clientId = typeof details.params.client_id === 'string' ? details.params.client_id : undefined;
    context.accountId = details.session?.accountId;
  }
  return details;
}
