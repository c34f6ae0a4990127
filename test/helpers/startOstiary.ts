// Starts a real Ostiary HTTP server in this process, on a free port, with a fresh DATA_DIR unless
// one is given (pass the same dataDir again to test a restart). Settings are the same names as
// the environment variables. Log and audit lines are kept in memory for the test to read.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { boot, type Ostiary } from '../../src/boot.js';
import type { AppConfig } from '../../src/config/AppConfig.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { DeliveryPolicy } from '../../src/logout/backchannelLogout.js';
import { createMetrics } from '../../src/metrics/createMetrics.js';
import { createLogger } from '../../src/observe/createLogger.js';
import { createStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/Store.js';
import { freePort } from './freePort.js';
import { tempDir } from './tempDir.js';

export interface RunningOstiary extends Ostiary {
  readonly url: string;
  readonly config: AppConfig;
  readonly dataDir: string;
  readonly server: Server;
  /** Every audit line written so far, parsed. */
  readonly auditLines: Record<string, unknown>[];
  /** Every log line written so far at LOG_LEVEL (default info), parsed. */
  readonly logLines: Record<string, unknown>[];
  /** The Prometheus text of this instance's metrics (with `metrics: true`). */
  metricsText(): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A store to serve from instead of the one the settings name (opened by the caller). */
  readonly store?: Store;
  /** Wraps the store the settings name, e.g. to make one call fail. */
  readonly wrapStore?: (store: Store) => Store;
  /** The clock throttling reads (epoch ms), so a test can move time instead of waiting. */
  readonly clock?: () => number;
  /** Count and time as METRICS_PORT would (metricsText reads them). */
  readonly metrics?: boolean;
  /** How back-channel logouts are retried (tests shorten the waits). */
  readonly logoutDelivery?: DeliveryPolicy;
  /** Let the provider call loopback addresses (a client's jwks_uri served by the test). */
  readonly loopbackFetch?: boolean;
}

export async function startOstiary(
  settings: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningOstiary> {
  const port = settings.PORT ? Number(settings.PORT) : await freePort();
  const dataDir = settings.DATA_DIR ?? tempDir('test');
  // Every test signs in from 127.0.0.1: the per-address limit is raised so that one test file's many
  // sign-ins are not throttled; the throttling tests set their own.
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOGIN_IP_LIMIT: '10000',
    ...settings,
    DATA_DIR: dataDir,
  });
  const logLines: Record<string, unknown>[] = [];
  const auditLines: Record<string, unknown>[] = [];
  const lines = new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk);
      logLines.push(JSON.parse(text));
      if (process.env.TEST_LOG) process.stderr.write(text);
      done();
    },
  });
  const logger = createLogger(settings.LOG_LEVEL ?? 'info', lines);
  const registry = new Registry();
  const store = options.store ?? (options.wrapStore ? options.wrapStore(await createStore(config, logger)) : undefined);
  const ostiary = await boot(config, logger, {
    store,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logoutDelivery ? { logoutDelivery: options.logoutDelivery } : {}),
    // oidc-provider refuses loopback addresses through its own dispatcher; without it, they are reached.
    ...(options.loopbackFetch
      ? {
          outboundFetch: ((url, init) => fetch(url, { ...init, dispatcher: undefined } as RequestInit)) as typeof fetch,
        }
      : {}),
    ...(options.metrics ? { metrics: createMetrics(registry, config.redisUrl ? 'redis' : 'embedded') } : {}),
    audit: { write: (line) => auditLines.push({ ...line }), flush: () => {} },
  });
  const server = createServer(ostiary.handler);
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    ...ostiary,
    url: config.issuerId,
    config,
    dataDir,
    server,
    auditLines,
    logLines,
    metricsText: () => registry.metrics(),
    async stop() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
      await ostiary.close();
      // Let this process's fetch pool see the closed keep-alive sockets before anyone reuses the port.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
