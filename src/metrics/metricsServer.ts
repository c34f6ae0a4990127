// The metrics listener: GET /metrics in Prometheus text format on METRICS_HOST:METRICS_PORT, a
// port of its own so it is never reachable through the public one. Anything else is 404. A scrape
// that fails (a worker that does not answer) is a 503 with the reason, never a crash.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { describeError } from '../observe/describeError.js';

export interface Scrape {
  readonly contentType: string;
  readonly text: () => Promise<string>;
}

export async function metricsServer(
  { host, port }: { readonly host: string; readonly port: number },
  scrape: Scrape,
  logger: Logger,
): Promise<Server> {
  const server = createServer((req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url?.split('?', 1)[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: try GET /metrics\n');
      return;
    }
    scrape.text().then(
      (text) =>
        res.writeHead(200, { 'content-type': scrape.contentType }).end(req.method === 'HEAD' ? undefined : text),
      (error: unknown) => {
        logger.warn({ err: describeError(error, { expected: true }) }, 'metrics scrape failed');
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable; try again\n');
      },
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  logger.info({ host, port }, 'metrics are served at /metrics');
  return server;
}
