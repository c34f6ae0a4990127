// When a response is finished: one log line (ISO time, request id, method, path, status,
// duration, client address, client id and the OAuth error on a failure) and the request's
// metrics. Never the query string or body, which can carry codes, tokens and passwords. Costs
// nothing when the log level is above info and metrics are off.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/Metrics.js';
import { hostRoute } from './hostRoute.js';
import { type RequestContext, requestOutcome } from './requestContext.js';

export function requestObserver(logger: Logger, metrics: Metrics | undefined) {
  const logging = logger.isLevelEnabled('info');
  if (!logging && !metrics) return undefined;
  return function observeRequest(req: IncomingMessage, res: ServerResponse, context: RequestContext): void {
    const started = performance.now();
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const path = req.url?.split('?', 1)[0] ?? '';
      context.route ??= hostRoute(path);
      const { route, clientId, error } = requestOutcome(context);
      metrics?.request(route, req.method ?? '', res.statusCode, seconds);
      if (!logging) return;
      logger.info(
        {
          requestId: context.requestId,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          address: context.address,
          clientId,
          error,
        },
        'request',
      );
    });
  };
}
