// POST /interaction/:uid/login — the login form. The sign-in rules are signIn's; this route only
// says its outcome. On success the login prompt is finished with the account; otherwise the same
// page comes back with a sentence for the outcome. A wrong password and an unknown email read the
// same, so the page never tells whether the email exists. (An address this instance already knows
// to be over its limit never gets here: http/refuseKnownGuessers.ts answers it before Koa.)
import type { Context } from 'koa';
import { passwordLogin } from '../accounts/authentication.js';
import type { SignInOutcome } from '../accounts/signIn.js';
import { PageError } from '../http/PageError.js';
import { requestContextOf } from '../http/requestContext.js';
import { type Message, text } from '../i18n/translator.js';
import { tooManyAttempts } from '../throttle/Refusal.js';
import { finishInteraction } from './finishInteraction.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { requireCsrf } from './requireCsrf.js';
import { beginSecondStep, needsSecondStep, showSecondStep } from './secondStep.js';
import { showLogin } from './showLogin.js';

export const LOGIN_FAILED = text('login.failed');
const BUSY_RETRY_AFTER_SECONDS = 1; // the queue drains in a fraction of a second

/** How a refused sign-in reads: status, sentence, and how long to wait (Retry-After). */
function refusedPage(outcome: Exclude<SignInOutcome, { outcome: 'signed-in' }>) {
  switch (outcome.outcome) {
    case 'wrong-credentials':
      return { status: 401, error: LOGIN_FAILED, retryAfter: undefined };
    case 'throttled':
      return {
        status: 429,
        error: tooManyAttempts(outcome.refusal),
        retryAfter: outcome.refusal.retryAfterSeconds,
      };
    case 'busy':
      return {
        status: 503,
        error: text('login.busy'),
        retryAfter: BUSY_RETRY_AFTER_SECONDS,
      };
    case 'disabled':
      return { status: 403, error: text('common.account_disabled'), retryAfter: undefined };
  }
}

export function login(deps: InteractionDeps) {
  const { provider, csrf, signIn } = deps;
  return async function loginRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'login') throw new PageError(400, 'invalid_request', text('common.already_signed_in'));
    const body = requireCsrf(ctx, csrf, details.uid);

    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const context = requestContextOf(ctx.req);
    /** The login page again, with a sentence. */
    const again = (error: Message, status: number) => showLogin(deps, ctx, details, { email, error, status });
    // Nothing to check: not a guess, so nothing is counted.
    if (!email.trim() || !password) return again(text('login.empty'), 400);
    const result = await signIn(email, password, {
      address: ctx.ip,
      requestId: context?.requestId,
      clientId: context?.clientId,
    });
    if (result.outcome !== 'signed-in') {
      const { status, error, retryAfter } = refusedPage(result);
      if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
      return again(error, status);
    }
    if (context) context.accountId = result.account.accountId;
    if (needsSecondStep(result.account)) {
      await beginSecondStep(deps.secondStep, details.uid, result.account);
      return showSecondStep(deps, ctx, details, result.account);
    }
    return finishInteraction(ctx, current, { login: { accountId: result.account.accountId, ...passwordLogin() } });
  };
}
