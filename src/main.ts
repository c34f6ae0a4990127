// The composition root: the only place that reads process.env and listens. A configuration error
// stops startup with a message naming the variable; SIGTERM and SIGINT drain and close cleanly.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { pino } from 'pino';
import { boot } from './boot.js';
import { ConfigError } from './config/ConfigError.js';
import { loadConfig } from './config/loadConfig.js';
import { readConfigFile } from './config/readConfigFile.js';

async function main() {
  const config = loadConfig(process.env, readConfigFile(process.env.OSTIARY_CONFIG));
  const logger = pino({ level: config.logLevel });
  const ostiary = await boot(config, logger);
  const server = createServer(ostiary.app.callback());
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(`Ostiary could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
