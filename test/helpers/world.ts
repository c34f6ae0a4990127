// A provider with the usual cast: Ada (a user), an API, a confidential web app and a public SPA
// that both call the API, a first-party web app that only signs people in, and a service. Most protocol tests start from here.
import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { hashPassword } from '../../src/accounts/passwordHasher.js';
import { admin, type RegisteredClient } from './admin.js';
import { storeSettings } from './fastRun.js';
import type { RedisServer } from './redisServer.js';
import { type RunningOstiary, type StartOptions, startOstiary } from './startOstiary.js';

export const ADA = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
export const API = 'https://api.example.com';
export const WEB_REDIRECT = 'https://web.example.com/callback';
export const WEB_LOGOUT = 'https://web.example.com/signed-out';
export const SPA_ORIGIN = 'https://spa.example.com';

let adaHash: Promise<string> | undefined;
/** Ada's password, hashed once per test process. */
const adaPasswordHash = () => {
  adaHash ??= hashPassword(ADA.password);
  return adaHash;
};

export interface World {
  readonly op: RunningOstiary;
  readonly web: RegisteredClient;
  readonly firstParty: RegisteredClient;
  readonly spa: RegisteredClient;
  readonly service: RegisteredClient;
}

/**
 * Another third-party web app at the same redirect URI: one nobody has allowed yet, for a test that
 * needs the consent page (consent is remembered per app, across sessions and tests of a file).
 */
export function newWebApp(w: World, name = 'Another App'): Promise<RegisteredClient> {
  return admin<RegisteredClient>(w.op.store, 'client', 'add', '--name', name, '--redirect-uri', WEB_REDIRECT);
}

export async function world(settings: Record<string, string> = {}, options: StartOptions = {}): Promise<World> {
  const op = await startOstiary(settings, options);
  const { store } = op;
  // Ada is written straight to the store: her password is a known good one, so a test file does
  // not pay for starting the strength checker (\`user add\` itself is tested in test/cli).
  await store.accounts.create({
    accountId: randomUUID(),
    email: ADA.email,
    emailVerified: true,
    name: ADA.name,
    passwordHash: await adaPasswordHash(),
    createdAt: Date.now(),
    disabled: false,
    revokedAt: undefined,
  });
  await admin(store, 'resource', 'add', '--id', API, '--scope', 'read write');
  const web = await admin<RegisteredClient>(
    store,
    'client',
    'add',
    '--name',
    'Web <App>',
    '--redirect-uri',
    WEB_REDIRECT,
    '--post-logout-redirect-uri',
    WEB_LOGOUT,
    '--scope',
    'openid email profile offline_access',
    '--resource',
    API,
  );
  const firstParty = await admin<RegisteredClient>(
    store,
    'client',
    'add',
    '--name',
    'Our Portal',
    '--first-party',
    '--redirect-uri',
    WEB_REDIRECT,
    '--post-logout-redirect-uri',
    WEB_LOGOUT,
  );
  const spa = await admin<RegisteredClient>(
    store,
    'client',
    'add',
    '--name',
    'SPA',
    '--public',
    '--redirect-uri',
    `${SPA_ORIGIN}/callback`,
    '--cors-origin',
    SPA_ORIGIN,
    '--resource',
    API,
  );
  const service = await admin<RegisteredClient>(
    store,
    'client',
    'add',
    '--name',
    'Billing',
    '--grant',
    'client_credentials',
    '--resource',
    API,
  );
  return { op, web, firstParty, spa, service };
}

/**
 * A world on `store`: SQLite, or the test file's Redis under a fresh key prefix (storeSettings),
 * stopped when the test ends. `settings` add to the store's.
 */
export async function worldOn(
  t: ExecutionContext,
  store: 'embedded' | 'redis',
  redis: () => RedisServer,
  settings: Record<string, string> = {},
  options: StartOptions = {},
): Promise<World> {
  const w = await world({ ...storeSettings(store, redis), ...settings }, options);
  t.teardown(() => w.op.stop());
  return w;
}
