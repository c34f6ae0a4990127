// POST /interaction/:uid/passkey — a passkey's answer, from the login page (the passkey alone: amr
// hwk user) or from the second step after a password (amr pwd hwk user mfa). The rules are the
// passkeys module's; this route says the outcome, and on a refusal shows the same page again with
// a sentence and a new challenge.
import type { Context } from 'koa';
import { passkeyLogin, passwordAndPasskeyLogin } from '../accounts/authentication.js';
import type { PasskeyRefusal } from '../accounts/passkeys.js';
import { PageError } from '../http/PageError.js';
import { requestContextOf } from '../http/requestContext.js';
import { type Message, text } from '../i18n/translator.js';
import { finishInteraction } from './finishInteraction.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';
import { endSecondStep, pendingSecondStep, showSecondStep } from './secondStep.js';
import { showLogin } from './showLogin.js';

const REFUSALS: Record<PasskeyRefusal, Message> = {
  expired: text('passkey.expired'),
  invalid: text('passkey.invalid'),
  unknown_credential: text('passkey.unknown_credential'),
  cloned: text('passkey.cloned'),
  disabled: text('common.account_disabled'),
  duplicate: text('passkey.refused'),
  too_many: text('passkey.refused'),
};

export function passkeySignIn(deps: InteractionDeps) {
  return async function passkeySignInRoute(ctx: Context) {
    const current = deps.provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'login') throw new PageError(400, 'invalid_request', text('common.already_signed_in'));
    const body = requireCsrf(ctx, deps.csrf, details.uid);
    const answer = typeof body.credential === 'string' ? body.credential : '';
    const context = requestContextOf(ctx.req);
    const facts = { requestId: context?.requestId, clientId: context?.clientId, address: ctx.ip };
    const waiting = await pendingSecondStep(deps.secondStep, details.uid);
    const result = await deps.passkeys.signIn(details.uid, answer, facts, waiting);
    if (result.outcome !== 'signed-in') {
      const error = REFUSALS[result.reason];
      if (waiting) return showSecondStep(deps, ctx, details, waiting, { error, status: 401 });
      return showLogin(deps, ctx, details, { error, status: 401 });
    }
    const { accountId } = result.account;
    if (context) context.accountId = accountId;
    if (waiting) await endSecondStep(deps.secondStep, details.uid);
    const how = waiting ? passwordAndPasskeyLogin() : passkeyLogin();
    return finishInteraction(ctx, current, { login: { accountId, ...how } });
  };
}
