// The parsed form of an interaction POST, after checking its CSRF token. A bad or missing token
// is a 403 page that tells the user what to do.
import type { Context } from 'koa';
import { PageError } from '../http/PageError.js';
import type { Csrf } from './csrf.js';

export function requireCsrf(ctx: Context, csrf: Csrf, uid: string): Record<string, unknown> {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  if (!csrf.verify(ctx, uid, body.csrf)) {
    throw new PageError(
      403,
      'invalid_request',
      'This form has expired or was not sent from this site. Go back and try again.',
    );
  }
  return body;
}
