// The pages mailed links open: /reset-password (choose a new password) and /verify-email (confirm
// the address). A GET only shows the form, so a mail scanner that fetches links uses nothing up;
// the POST, with a CSRF token bound to the link, does it (useAccountLink holds the rules). A link
// that no longer works reads as such, with what to do next; a throttled address gets 429.
import type { Context } from 'koa';
import type { LinkPurpose } from '../accounts/accountLinks.js';
import {
  checkAccountLink,
  type LinkOutcome,
  type LinkUseDeps,
  resetPassword,
  verifyEmail,
} from '../accounts/useAccountLink.js';
import type { RenderPage } from '../http/renderPage.js';
import { requestContextOf } from '../http/requestContext.js';
import { type Message, message, text } from '../i18n/translator.js';
import type { Csrf } from '../interactions/csrf.js';
import { requireCsrf } from '../interactions/requireCsrf.js';
import { tooManyAttempts } from '../throttle/Refusal.js';

export interface LinkPagesDeps {
  readonly page: RenderPage;
  readonly csrf: Csrf;
  readonly links: LinkUseDeps;
}

const INVALID: Record<LinkPurpose, Message> = {
  PasswordReset: text('reset.link_dead'),
  EmailVerification: text('verify.link_dead'),
};

const tokenOf = (value: unknown) => (typeof value === 'string' && value.length <= 64 ? value : '');
const csrfScope = (token: string) => `link:${token}`;

/** The page for an outcome that is not a success: throttled or an invalid link. */
function refused(ctx: Context, deps: LinkPagesDeps, purpose: LinkPurpose, outcome: LinkOutcome): boolean {
  if (outcome.outcome === 'throttled') {
    ctx.set('Retry-After', String(outcome.refusal.retryAfterSeconds));
    deps.page(
      ctx,
      'notice',
      { title: text('link.wait_title'), message: tooManyAttempts(outcome.refusal) },
      { status: 429 },
    );
    return true;
  }
  if (outcome.outcome === 'invalid_link') {
    deps.page(ctx, 'notice', { title: text('link.dead_title'), message: INVALID[purpose] }, { status: 400 });
    return true;
  }
  return false;
}

function who(ctx: Context) {
  return { address: ctx.ip, requestId: requestContextOf(ctx.req)?.requestId };
}

function formOf(ctx: Context, deps: LinkPagesDeps) {
  const token = tokenOf((ctx.request.body as Record<string, unknown> | undefined)?.token);
  const body = requireCsrf(ctx, deps.csrf, csrfScope(token), text('common.open_link_again'));
  return { body, token };
}

export function linkPages(deps: LinkPagesDeps) {
  const show = (purpose: LinkPurpose, view: string) => async (ctx: Context) => {
    const token = tokenOf(ctx.query.token);
    const outcome = await checkAccountLink(deps.links, purpose, token, who(ctx));
    if (refused(ctx, deps, purpose, outcome) || outcome.outcome !== 'ok') return;
    deps.page(ctx, view, { token, email: outcome.account.email, csrf: deps.csrf.token(csrfScope(token)) });
  };
  return {
    showReset: show('PasswordReset', 'reset-password'),
    showVerify: show('EmailVerification', 'verify-email'),

    async reset(ctx: Context) {
      const { body, token } = formOf(ctx, deps);
      const password = typeof body.password === 'string' ? body.password : '';
      const again = (email: string, error: Message) =>
        deps.page(
          ctx,
          'reset-password',
          { token, email, error, csrf: deps.csrf.token(csrfScope(token)) },
          { status: 400 },
        );
      if (password !== body.confirm) {
        const checked = await checkAccountLink(deps.links, 'PasswordReset', token, who(ctx));
        if (refused(ctx, deps, 'PasswordReset', checked) || checked.outcome !== 'ok') return;
        return again(checked.account.email, text('common.passwords_differ'));
      }
      const outcome = await resetPassword(deps.links, token, password, who(ctx));
      if (refused(ctx, deps, 'PasswordReset', outcome)) return;
      if (outcome.outcome === 'weak_password')
        return again(outcome.account.email, message('common.weak_password', { why: outcome.problem }));
      deps.page(ctx, 'notice', {
        title: text('reset.done_title'),
        message: text('reset.done'),
      });
    },

    async verify(ctx: Context) {
      const { token } = formOf(ctx, deps);
      const outcome = await verifyEmail(deps.links, token, who(ctx));
      if (refused(ctx, deps, 'EmailVerification', outcome) || outcome.outcome !== 'ok') return;
      deps.page(ctx, 'notice', {
        title: text('verify.done_title'),
        message: message('verify.done', { email: outcome.account.email }),
      });
    },
  };
}
