// POST /interaction/:uid/login — the login form. On success the login prompt is finished with
// the account; on failure the same page comes back with one message for every cause, so it never
// tells whether the email exists.
import type { Context } from 'koa';
import { PageError } from '../http/PageError.js';
import { finishInteraction } from './finishInteraction.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { pageContext } from './pageContext.js';
import { requireCsrf } from './requireCsrf.js';

export const LOGIN_FAILED = 'Invalid email or password';

export function login(deps: InteractionDeps) {
  const { provider, page, csrf, authenticate } = deps;
  return async function loginRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    if (details.prompt.name !== 'login') throw new PageError(400, 'invalid_request', 'You are already signed in.');
    const body = requireCsrf(ctx, csrf, details.uid);

    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const account = await authenticate(email, password);
    if (!account) {
      const { clientName, formTargets } = await pageContext(current, details);
      const data = { uid: details.uid, clientName, email, error: LOGIN_FAILED, csrf: csrf.token(details.uid) };
      return page(ctx, 'login', data, { status: 401, formTargets });
    }
    return finishInteraction(ctx, current, { login: { accountId: account.accountId } });
  };
}
