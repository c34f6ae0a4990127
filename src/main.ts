// The composition root: the only place that reads process.env and listens. A configuration error
// stops startup with a message naming the variable. With WORKERS > 1 the primary process forks
// that many workers (node:cluster) that share the port and the store, and replaces one that
// dies. With METRICS_PORT, GET /metrics listens there (the primary aggregates its workers).
// SIGTERM and SIGINT shut down gracefully: readyz turns 503, new connections are refused,
// requests in flight get SHUTDOWN_GRACE to finish, and the process exits 0.
import cluster from 'node:cluster';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { boot } from './boot.js';
import type { AppConfig } from './config/AppConfig.js';
import { ConfigError } from './config/ConfigError.js';
import { loadConfig } from './config/loadConfig.js';
import { readConfigFile } from './config/readConfigFile.js';
import { drainServer } from './http/drainServer.js';
import { metricsServer } from './metrics/metricsServer.js';
import { createLogger, flushLogs } from './observe/createLogger.js';
import { createStore } from './store/createStore.js';

const RESTART_DELAY_MS = 1000; // a worker that dies at once should not become a fork loop

/**
 * This process's metrics; a worker's are answered to the primary's scrape instead of served.
 * prom-client is loaded only with METRICS_PORT: without it, its memory is not spent.
 */
async function startMetrics(config: AppConfig, logger: Logger) {
  if (!config.metrics) return { metrics: undefined, server: undefined };
  const [{ AggregatorRegistry, Registry }, { createMetrics }] = await Promise.all([
    import('prom-client'),
    import('./metrics/createMetrics.js'),
  ]);
  const registry = new Registry();
  const metrics = createMetrics(registry, config.redisUrl ? 'redis' : 'embedded');
  if (cluster.isWorker) {
    AggregatorRegistry.setRegistries([registry]);
    new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
    return { metrics, server: undefined };
  }
  const scrape = { contentType: registry.contentType, text: () => registry.metrics() };
  return { metrics, server: await metricsServer(config.metrics, scrape, logger) };
}

async function serve(config: AppConfig) {
  const logger = createLogger(config.logLevel);
  const observed = await startMetrics(config, logger);
  const ostiary = await boot(config, logger, observed.metrics ? { metrics: observed.metrics } : {});
  const server = createServer(ostiary.handler);
  server.listen(config.port, config.host);
  await once(server, 'listening');
  logger.info({ issuer: config.issuerId, store: ostiary.store.kind, port: config.port }, 'Ostiary is listening');

  const stop = async (signal: string) => {
    logger.info({ signal, graceSeconds: config.shutdownGrace }, 'shutting down: finishing requests in flight');
    ostiary.drain();
    const cut = await drainServer(server, config.shutdownGrace * 1000);
    if (cut) logger.warn({ connections: cut }, 'shutdown grace passed: connections cut');
    observed.server?.close();
    await ostiary.close();
    logger.info('stopped');
    await flushLogs(logger);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function supervise(config: AppConfig) {
  const logger = createLogger(config.logLevel);
  let stopping = false;
  let metrics: Server | undefined;
  if (config.metrics) {
    const { AggregatorRegistry } = await import('prom-client');
    const aggregator = new AggregatorRegistry();
    const scrape = { contentType: aggregator.contentType, text: () => aggregator.clusterMetrics() };
    metrics = await metricsServer(config.metrics, scrape, logger);
  }
  for (let i = 0; i < config.workers; i += 1) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code }, 'worker died; starting another');
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    metrics?.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  logger.info({ workers: config.workers }, 'Ostiary primary started its workers');
}

async function main() {
  const config = loadConfig(process.env, readConfigFile(process.env.OSTIARY_CONFIG));
  if (config.workers > 1 && cluster.isPrimary) {
    // Open the store once before forking: a wrong OSTIARY_SECRET or an unreachable store stops
    // startup here with one message, instead of workers dying and being replaced forever.
    await (await createStore(config, createLogger(config.logLevel))).close();
    return supervise(config);
  }
  return serve(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(error.lines());
  } else {
    process.stderr.write(`Ostiary could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
