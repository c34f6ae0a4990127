// The one place our own routes' errors become responses: a page for people (interaction
// routes), OAuth-style JSON for everything else. A store outage is a 503 with Retry-After;
// anything unexpected is logged and answered with a generic 500, never a stack trace.
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { english } from '../i18n/english.js';
import { type Message, text } from '../i18n/translator.js';
import { describeError } from '../observe/describeError.js';
import { StoreUnavailableError } from '../store/errors.js';
import { PageError } from './PageError.js';
import type { RenderPage } from './renderPage.js';
import { requestContextOf } from './requestContext.js';

interface Described {
  status: number;
  error: string;
  /** A catalog key, or the protocol's own English words (oidc-provider's error_description). */
  description: Message;
}

function describe(error: unknown): Described {
  if (error instanceof PageError) return error;
  if (error instanceof StoreUnavailableError || (error as { status?: number }).status === 503) {
    return {
      status: 503,
      error: 'temporarily_unavailable',
      description: text('error.unavailable'),
    };
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const oauth = error as { error?: string; error_description?: string; expose?: boolean; message?: string };
    return {
      status,
      error: oauth.error ?? 'invalid_request',
      description: oauth.error_description ?? (oauth.expose ? String(oauth.message) : text('error.not_valid')),
    };
  }
  return { status: 500, error: 'server_error', description: text('error.ours') };
}

export function errorHandler(page: RenderPage, logger: Logger) {
  return async function errorHandlerMiddleware(ctx: Context, next: Next) {
    try {
      await next();
    } catch (caught) {
      const { status, error, description } = describe(caught);
      const context = requestContextOf(ctx.req);
      if (context) context.error = error;
      if (status >= 500) {
        // An outage is expected: one readable line, no stack.
        const err = caught instanceof StoreUnavailableError ? describeError(caught, { expected: true }) : caught;
        logger.error({ requestId: context?.requestId, err, path: ctx.path }, 'request failed');
      }
      if (status === 503) ctx.set('Retry-After', '2');
      if (ctx.path.startsWith('/interaction/')) {
        page(ctx, 'error', { error, description }, { status });
      } else {
        ctx.status = status;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { error, error_description: english(description) };
      }
    }
  };
}
