// The composition root: the only place that reads process.env and listens. A configuration error
// stops startup with a message naming the variable. With WORKERS > 1 the primary process forks
// that many workers (node:cluster) that share the port and the store, and replaces one that
// dies; SIGTERM and SIGINT drain and close cleanly.
import cluster from 'node:cluster';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { pino } from 'pino';
import { boot } from './boot.js';
import type { AppConfig } from './config/AppConfig.js';
import { ConfigError } from './config/ConfigError.js';
import { loadConfig } from './config/loadConfig.js';
import { readConfigFile } from './config/readConfigFile.js';
import { createStore } from './store/createStore.js';

const RESTART_DELAY_MS = 1000; // a worker that dies at once should not become a fork loop

async function serve(config: AppConfig) {
  const logger = pino({ level: config.logLevel });
  const ostiary = await boot(config, logger);
  const server = createServer(ostiary.handler);
  server.listen(config.port, config.host);
  await once(server, 'listening');
  logger.info({ issuer: config.issuer.origin, store: ostiary.store.kind, port: config.port }, 'Ostiary is listening');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeIdleConnections();
    await once(server, 'close');
    await ostiary.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function supervise(config: AppConfig) {
  const logger = pino({ level: config.logLevel });
  let stopping = false;
  for (let i = 0; i < config.workers; i += 1) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code }, 'worker died; starting another');
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
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
    await (await createStore(config, pino({ level: config.logLevel }))).close();
    return supervise(config);
  }
  return serve(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(`Ostiary could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
