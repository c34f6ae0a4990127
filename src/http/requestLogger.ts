// One log line per request, when the response is finished: method, path, status and duration.
// Never the query string or body, which can carry codes, tokens and passwords.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export function requestLogger(logger: Logger) {
  if (!logger.isLevelEnabled('info')) return () => {};
  return function logRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    res.once('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const path = req.url?.split('?', 1)[0];
      logger.info({ method: req.method, path, status: res.statusCode, ms }, 'request');
    });
  };
}
