// The baseline host: plain oidc-provider 9 with the interaction routes used on it, the way the
// library's own example does it. Started by bench/run.ts as its own process (compiled to plain
// JavaScript first, like Ostiary's dist/). Environment: PORT, ISSUER, BASELINE_FIXTURES (JSON),
// REDIS_URL (optional: the non-atomic Redis adapter; without it, oidc-provider's memory adapter)
// and BASELINE_HOST: `node` (default) hands node:http's requests straight to `provider.callback()`;
// `koa` puts a minimal Koa app in front of it, as a team mounting the provider in its own Koa app
// would. The benchmark runs both and holds Ostiary to the faster.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import Koa from 'koa';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import LRU from 'oidc-provider/lib/helpers/lru.js';
import { configuration } from './configuration.js';
import { parseFixtures } from './fixtures.js';
import { interactions } from './interactions.js';
import { createRedisAdapter } from './redisAdapter.js';

const port = Number(process.env.PORT ?? 3001);
const issuer = process.env.ISSUER ?? `http://127.0.0.1:${port}`;
const fixtures = parseFixtures(process.env.BASELINE_FIXTURES);

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
redis?.on('error', (error) => process.stderr.write(`baseline redis: ${error.message}\n`));
// oidc-provider's memory adapter, as the library would pick it, but over an LRU of a million
// entries instead of its default 1,000 (it is meant for development): with 1,000, a pool of refresh
// tokens minted ahead is evicted before it is used. Lookups in the LRU's Maps cost the same.
const memory = new LRU({ maxSize: 1_000_000 });
const adapter = redis ? createRedisAdapter(redis) : (model: string) => new MemoryAdapter(model, memory);

const provider = new Provider(issuer, configuration(fixtures, adapter));
provider.use(interactions(provider, fixtures));

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
const host = process.env.BASELINE_HOST ?? 'node';
const callback = provider.callback() as Listener;

/** A Koa app whose one middleware hands the request to the provider, which answers it itself. */
function behindKoa(): Listener {
  const app = new Koa();
  app.use((ctx) => {
    ctx.respond = false;
    return callback(ctx.req, ctx.res);
  });
  return app.callback() as Listener;
}

const server = createServer(host === 'koa' ? behindKoa() : callback);
server.listen(port, '127.0.0.1');
await once(server, 'listening');
process.stdout.write(`baseline (${host}) listening on ${issuer} (${redis ? 'redis' : 'memory'} adapter)\n`);

const stop = () => {
  server.close();
  server.closeAllConnections();
  redis?.disconnect();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
