// Wires Ostiary together from a validated config: store, keys, pages, provider, app. No
// environment, no listening: main.ts and the tests each do that their own way.
import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { createAuthenticator } from './accounts/createAuthenticator.js';
import { createApp } from './app.js';
import type { AppConfig } from './config/AppConfig.js';
import { createRenderer } from './http/createRenderer.js';
import { renderPage } from './http/renderPage.js';
import { csrf } from './interactions/csrf.js';
import { loadCookieKeys } from './keys/loadCookieKeys.js';
import { loadSigningKeys } from './keys/loadSigningKeys.js';
import { createProvider } from './provider/createProvider.js';
import { providerPages } from './provider/providerPages.js';
import { createStore } from './store/createStore.js';
import type { Store } from './store/Store.js';

export interface Ostiary {
  readonly app: Koa;
  readonly store: Store;
  readonly provider: () => Provider;
  close(): Promise<void>;
}

export interface BootOptions {
  /** A store to use instead of the one the config names (tests wrap it to inject faults). */
  readonly store?: Store;
}

export async function boot(config: AppConfig, logger: Logger, options: BootOptions = {}): Promise<Ostiary> {
  const store = options.store ?? (await createStore(config, logger));
  const [signingKeys, cookieKeys] = await Promise.all([loadSigningKeys(store), loadCookieKeys(store)]);
  const page = renderPage(createRenderer());
  const current = createProvider({ config, store, signingKeys, cookieKeys, pages: providerPages(page) });
  current.on('server_error', (_ctx, err) => logger.error({ err }, 'provider error'));
  const provider = () => current;
  const app = createApp({
    config,
    store,
    provider,
    page,
    csrf: csrf(cookieKeys),
    authenticate: createAuthenticator(store.accounts),
    logger,
  });
  return { app, store, provider, close: () => store.close() };
}
