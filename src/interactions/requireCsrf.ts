// The parsed form of a page's POST (an interaction's, the account page's, a mailed link's), after
// checking its CSRF token. A bad or missing token
// is a 403 page that tells the user what to do.
import type { Context } from 'koa';
import { PageError } from '../http/PageError.js';
import { english } from '../i18n/english.js';
import { type Message, message, text } from '../i18n/translator.js';
import type { Csrf } from './csrf.js';

/**
 * `scope` is what the token is bound to: an interaction uid, `account:<session uid>`, `link:<token>`.
 * `advice` is what the person should do on this page when the token does not hold.
 */
export function requireCsrf(
  ctx: Context,
  csrf: Csrf,
  scope: string,
  advice: Message = text('common.go_back_and_retry'),
): Record<string, unknown> {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  if (!csrf.verify(ctx, scope, body.csrf)) {
    throw new PageError(403, 'invalid_request', message('common.form_expired', { advice: english(advice) }));
  }
  return body;
}
