// The login page, from every route that shows it: the form, what it offers besides (loginOffers),
// and a passkey challenge for this interaction, so "Sign in with a passkey" and the browser's
// passkey autofill work without another round trip.
import type { Context } from 'koa';
import type { Message } from '../i18n/translator.js';
import type { InteractionDeps } from './InteractionDeps.js';
import type { Interaction } from './loadInteraction.js';
import { loginOffers } from './loginOffers.js';
import { pageContext } from './pageContext.js';

export async function showLogin(
  deps: Pick<InteractionDeps, 'provider' | 'page' | 'csrf' | 'resets' | 'signup' | 'passkeys'>,
  ctx: Context,
  details: Interaction,
  { email, error, status = 200 }: { email?: string; error?: Message; status?: number } = {},
): Promise<void> {
  const { clientName, formTargets } = await pageContext(deps.provider(), details);
  const passkeyOptions = JSON.stringify(await deps.passkeys.signInOptions(details.uid));
  const data = {
    uid: details.uid,
    clientName,
    email,
    error,
    csrf: deps.csrf.token(details.uid),
    passkeyOptions,
    ...loginOffers(deps.resets, deps.signup),
  };
  return deps.page(ctx, 'login', data, { status, formTargets });
}
