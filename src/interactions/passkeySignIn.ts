// POST /interaction/:uid/passkey — a passkey's answer, from the login page (the passkey alone: amr
// hwk user) or from the second step after a password (amr pwd hwk user mfa). The rules are the
// passkeys module's; this route says the outcome, and on a refusal shows the same page again with
// a sentence and a new challenge.
import type { Context } from 'koa';
import { passkeyLogin, passwordAndPasskeyLogin } from '../accounts/authentication.js';
import type { PasskeyRefusal } from '../accounts/passkeys.js';
import { PageError } from '../http/PageError.js';
import { requestContextOf } from '../http/requestContext.js';
import { finishInteraction } from './finishInteraction.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';
import { endSecondStep, pendingSecondStep, showSecondStep } from './secondStep.js';
import { showLogin } from './showLogin.js';

const REFUSALS: Record<PasskeyRefusal, string> = {
  expired: 'That took too long. Try your passkey again.',
  invalid: 'That passkey could not be checked. Try again.',
  unknown_credential: 'That passkey is not one of this account’s. Try another, or sign in with your password.',
  cloned: 'That passkey was refused: it looks copied. Sign in another way, and remove it from your account.',
  disabled: 'This account is disabled. Ask your administrator.',
  duplicate: 'That passkey was refused.',
  too_many: 'That passkey was refused.',
};

export function passkeySignIn(deps: InteractionDeps) {
  return async function passkeySignInRoute(ctx: Context) {
    const current = deps.provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'login') throw new PageError(400, 'invalid_request', 'You are already signed in.');
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
