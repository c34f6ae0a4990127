// GET and POST /interaction/:uid/signup — "Create an account" from the login page, when SIGNUP is
// on (signUp holds the rules). The answer to a valid form is the same page whatever the email, and
// leads back to this sign-in.
import type { Context } from 'koa';
import { type SignUpDeps, signUp } from '../accounts/signUp.js';
import { PageError } from '../http/PageError.js';
import type { RenderPage } from '../http/renderPage.js';
import { requestContextOf } from '../http/requestContext.js';
import { type Message, message, text } from '../i18n/translator.js';
import { tooManyAttempts } from '../throttle/Refusal.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { pageContext } from './pageContext.js';
import { requireCsrf } from './requireCsrf.js';

export interface SignUpPageDeps extends Pick<InteractionDeps, 'provider' | 'csrf'> {
  readonly page: RenderPage;
  /** Undefined when SIGNUP is off. */
  readonly signup: SignUpDeps | undefined;
}

const field = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

export function signUpPage(deps: SignUpPageDeps) {
  async function loginInteraction(ctx: Context) {
    if (!deps.signup) throw new PageError(404, 'invalid_request', text('signup.off'));
    const current = deps.provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'login') throw new PageError(400, 'invalid_request', text('common.already_signed_in'));
    return { details, signup: deps.signup, ...(await pageContext(current, details)) };
  }
  return {
    async show(ctx: Context) {
      const { details, clientName, formTargets } = await loginInteraction(ctx);
      const data = { uid: details.uid, clientName, csrf: deps.csrf.token(details.uid) };
      deps.page(ctx, 'signup', data, { formTargets });
    },
    async create(ctx: Context) {
      const { details, signup, clientName, formTargets } = await loginInteraction(ctx);
      const body = requireCsrf(ctx, deps.csrf, details.uid);
      const form = {
        email: field(body.email, 320),
        name: field(body.name, 100),
        password: typeof body.password === 'string' ? body.password : '', // the policy caps its length
      };
      const again = (error: Message, status: number) =>
        deps.page(
          ctx,
          'signup',
          {
            uid: details.uid,
            clientName,
            email: form.email,
            name: form.name,
            error,
            csrf: deps.csrf.token(details.uid),
          },
          { status, formTargets },
        );
      if (form.password !== body.confirm) return again(text('common.passwords_differ'), 400);
      const who = { address: ctx.ip, requestId: requestContextOf(ctx.req)?.requestId };
      const result = await signUp(signup, form, who);
      if (result.outcome === 'throttled') {
        ctx.set('Retry-After', String(result.refusal.retryAfterSeconds));
        return again(tooManyAttempts(result.refusal), 429);
      }
      if (result.outcome === 'refused') {
        const what = result.field === 'email' ? 'signup.bad_email' : 'common.weak_password';
        return again(message(what, { why: result.problem }), 400);
      }
      deps.page(ctx, 'signup-sent', { uid: details.uid, email: form.email }, { formTargets });
    },
  };
}
