// GET and POST /interaction/:uid/forgot — "Forgot password?" from the login page. The form asks
// for the email; the answer is the same page whether or not it has an account (requestPasswordReset
// holds the rules), and leads back to this sign-in. Without mail (production without SMTP_URL)
// the page is not offered.
import type { Context } from 'koa';
import { type ResetRequestDeps, requestPasswordReset } from '../accounts/requestPasswordReset.js';
import { PageError } from '../http/PageError.js';
import type { RenderPage } from '../http/renderPage.js';
import { requestContextOf } from '../http/requestContext.js';
import { text } from '../i18n/translator.js';
import { tooManyAttempts } from '../throttle/Refusal.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { pageContext } from './pageContext.js';
import { requireCsrf } from './requireCsrf.js';

export interface ForgotPasswordDeps extends Pick<InteractionDeps, 'provider' | 'csrf'> {
  readonly page: RenderPage;
  readonly resets: ResetRequestDeps;
}

const MAX_EMAIL_LENGTH = 320;

async function loginInteraction(ctx: Context, deps: ForgotPasswordDeps) {
  if (!deps.resets.mailer.available) throw new PageError(404, 'invalid_request', text('forgot.unavailable'));
  const current = deps.provider();
  const details = await loadInteraction(ctx, current);
  if (details.prompt.name !== 'login') throw new PageError(400, 'invalid_request', text('common.already_signed_in'));
  return { details, formTargets: (await pageContext(current, details)).formTargets };
}

export function forgotPassword(deps: ForgotPasswordDeps) {
  return {
    async show(ctx: Context) {
      const { details, formTargets } = await loginInteraction(ctx, deps);
      deps.page(ctx, 'forgot-password', { uid: details.uid, csrf: deps.csrf.token(details.uid) }, { formTargets });
    },
    async send(ctx: Context) {
      const { details, formTargets } = await loginInteraction(ctx, deps);
      const body = requireCsrf(ctx, deps.csrf, details.uid);
      const email = typeof body.email === 'string' ? body.email.trim() : '';
      const uid = details.uid;
      if (!email || email.length > MAX_EMAIL_LENGTH || !email.includes('@')) {
        const data = { uid, email, csrf: deps.csrf.token(uid), error: text('forgot.empty') };
        return deps.page(ctx, 'forgot-password', data, { status: 400, formTargets });
      }
      const requester = { address: ctx.ip, requestId: requestContextOf(ctx.req)?.requestId };
      const result = await requestPasswordReset(deps.resets, email, requester);
      if (result.outcome === 'throttled') {
        ctx.set('Retry-After', String(result.refusal.retryAfterSeconds));
        const data = { uid, email, csrf: deps.csrf.token(uid), error: tooManyAttempts(result.refusal) };
        return deps.page(ctx, 'forgot-password', data, { status: 429, formTargets });
      }
      deps.page(ctx, 'reset-link-sent', { uid, email }, { formTargets });
    },
  };
}
