// `npm run examples`: the whole demo on one machine. Starts Ostiary (the embedded store, in
// DATA_DIR like `npm start`), registers the demo person, the notes API and a client for each
// example through the operations `ostiary` runs (again on every start: nothing is registered
// twice; a confidential client gets a fresh secret), starts every example on its own port and
// prints where each one is. Ctrl-C stops it all.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AdminCall } from '../src/admin/AdminRoute.js';
import { clientRoutes } from '../src/admin/routes/clientRoutes.js';
import { resourceRoutes } from '../src/admin/routes/resourceRoutes.js';
import { userRoutes } from '../src/admin/routes/userRoutes.js';
import { createAudit } from '../src/audit/Audit.js';
import { boot } from '../src/boot.js';
import { localAdmin } from '../src/cli/localAdmin.js';
import type { AppConfig } from '../src/config/AppConfig.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { nobodyTold } from '../src/logout/EndedAccess.js';
import { createMailer } from '../src/mail/createMailer.js';
import { createLogger } from '../src/observe/createLogger.js';
import { startNotesApi } from './api/express.js';
import { startNotesKoaApi } from './api/koa.js';
import { serviceClient } from './service/service.js';
import { startSpa } from './spa/server.js';
import { startWebApp } from './web-app/server.js';

export const DEMO_USER = { email: 'demo@example.com', password: 'notes demo passphrase 2026', name: 'Demo Person' };
export const NOTES = 'https://notes.example.com';

export interface DemoPorts {
  readonly api: number;
  readonly koaApi: number;
  readonly webApp: number;
  readonly spa: number;
}

export const DEFAULT_PORTS: DemoPorts = { api: 4001, koaApi: 4002, webApp: 4003, spa: 4004 };

/** Idempotent: a missing thing is added, an existing one is brought in line. */
async function register(admin: AdminCall, ports: DemoPorts) {
  const { users } = await admin(userRoutes.list, { query: { email: DEMO_USER.email } });
  if (users.length === 0) await admin(userRoutes.add, { body: DEMO_USER });
  const { resources } = await admin(resourceRoutes.list);
  if (!resources.some((resource) => resource.id === NOTES)) {
    await admin(resourceRoutes.add, { body: { id: NOTES, scope: 'read write' } });
  }
  const { clients } = await admin(clientRoutes.list);
  const byName = (name: string) => clients.find((client) => client.client_name === name);
  const web = `http://127.0.0.1:${ports.webApp}`;
  const spa = `http://127.0.0.1:${ports.spa}`;
  const wanted = {
    'Demo web app': {
      redirect_uris: [`${web}/callback`],
      post_logout_redirect_uris: [`${web}/signed-out`],
      backchannel_logout_uri: `${web}/backchannel-logout`,
      backchannel_logout_session_required: true,
      resources: [NOTES],
      scope: 'openid profile offline_access read',
    },
    'Demo SPA': {
      public: true,
      redirect_uris: [`${spa}/`],
      post_logout_redirect_uris: [`${spa}/`],
      cors_origins: [spa],
      resources: [NOTES],
      scope: 'openid profile offline_access read',
    },
    'Demo service': { grants: ['client_credentials' as const], resources: [NOTES], scope: 'read' },
  };
  const ids: Record<string, { id: string; secret?: string }> = {};
  for (const [name, settings] of Object.entries(wanted)) {
    const existing = byName(name);
    if (!existing) {
      const added = await admin(clientRoutes.add, { body: { name, ...settings } });
      const secret = typeof added.client_secret === 'string' ? added.client_secret : undefined;
      ids[name] = { id: added.client_id, ...(secret ? { secret } : {}) };
      continue;
    }
    const {
      public: _public,
      grants: _grants,
      ...changes
    } = settings as typeof settings & { public?: boolean; grants?: unknown };
    if (Object.keys(changes).length)
      await admin(clientRoutes.update, { params: { id: existing.client_id }, body: changes });
    const confidential = existing.token_endpoint_auth_method !== 'none';
    const secret = confidential
      ? (await admin(clientRoutes.rotateSecret, { params: { id: existing.client_id }, body: {} })).client_secret
      : undefined;
    ids[name] = { id: existing.client_id, ...(secret ? { secret } : {}) };
  }
  return ids;
}

export interface Demo {
  readonly urls: Record<string, string>;
  /** Each demo client's client_id, by name. */
  readonly clientIds: Record<string, string>;
  stop(): Promise<void>;
}

export async function startDemo(config: AppConfig, ports: DemoPorts = DEFAULT_PORTS): Promise<Demo> {
  const logger = createLogger(config.logLevel);
  const ostiary = await boot(config, logger);
  const provider = createServer(ostiary.handler);
  await new Promise<void>((resolve) => provider.listen(config.port, config.host, resolve));
  const mailer = createMailer(config.mail, { production: config.production, logUnsent: () => {} });
  const admin = localAdmin({
    openStore: async () => ostiary.store,
    config: () => config,
    change: () => ({ audit: createAudit(() => {}), actor: 'cli:demo' }),
    mailer: () => mailer,
    signedOut: () => nobodyTold,
  });
  const ids = await register(admin, ports);
  const issuer = config.issuerId;
  const apiUrl = `http://127.0.0.1:${ports.api}/notes`;
  const servers: Server[] = [
    provider,
    await startNotesApi({ issuer, audience: NOTES, corsOrigins: [`http://127.0.0.1:${ports.spa}`] }, ports.api),
    await startNotesKoaApi({ issuer, audience: NOTES }, ports.koaApi),
    await startWebApp(
      {
        issuer,
        clientId: ids['Demo web app']?.id as string,
        clientSecret: ids['Demo web app']?.secret as string,
        baseUrl: `http://127.0.0.1:${ports.webApp}`,
        apiUrl,
        resource: NOTES,
      },
      ports.webApp,
    ),
    await startSpa({ issuer, clientId: ids['Demo SPA']?.id as string, apiUrl, resource: NOTES }, ports.spa),
  ];
  const service = serviceClient({
    issuer,
    clientId: ids['Demo service']?.id as string,
    clientSecret: ids['Demo service']?.secret as string,
    resource: NOTES,
  });
  const calls = setInterval(() => void service.call(apiUrl).catch(() => undefined), 10_000);
  calls.unref();
  return {
    clientIds: Object.fromEntries(Object.entries(ids).map(([name, { id }]) => [name, id])),
    urls: {
      ostiary: issuer,
      'web app': `http://127.0.0.1:${ports.webApp}`,
      spa: `http://127.0.0.1:${ports.spa}`,
      'notes API (Express)': apiUrl,
      'notes API (Koa)': `http://127.0.0.1:${ports.koaApi}/notes`,
    },
    async stop() {
      clearInterval(calls);
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await ostiary.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const demo = await startDemo(loadConfig({ LOG_LEVEL: 'warn', ...process.env }));
  console.log('The Ostiary demo is running:');
  for (const [name, url] of Object.entries(demo.urls)) console.log(`  ${name.padEnd(20)} ${url}`);
  console.log(`Sign in as ${DEMO_USER.email} with the password "${DEMO_USER.password}". Ctrl-C stops it all.`);
  const stop = () => void demo.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
