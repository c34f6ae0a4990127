// One log line per request: method, path, status and duration. Never the query string or body,
// which can carry codes, tokens and passwords.
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';

export function requestLogger(logger: Logger) {
  return async function requestLoggerMiddleware(ctx: Context, next: Next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const status = ctx.respond === false ? ctx.res.statusCode : ctx.status;
      logger.info({ method: ctx.method, path: ctx.path, status, ms }, 'request');
    }
  };
}
