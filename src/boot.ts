// Wires Ostiary together from a validated config: store, keys, pages, provider, app. No
// environment, no listening: main.ts and the tests each do that their own way. The provider is
// built from a snapshot of the key ring and rebuilt when the ring changes (a rotation); requests
// in flight finish on the instance they started with.
import type { RequestListener } from 'node:http';
import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { createAuthenticator } from './accounts/createAuthenticator.js';
import { createApp } from './app.js';
import type { AppConfig } from './config/AppConfig.js';
import { createRenderer } from './http/createRenderer.js';
import { discoveryCache } from './http/discoveryCache.js';
import { jwksDocument } from './http/jwksDocument.js';
import { renderPage } from './http/renderPage.js';
import { requestHandler } from './http/requestHandler.js';
import type { StaticDocument } from './http/staticDocument.js';
import { csrf } from './interactions/csrf.js';
import { cookieSecrets } from './keys/loadCookieKeys.js';
import { type KeyRing, readKeyRing } from './keys/readKeyRing.js';
import { type KeyWatch, watchKeys } from './keys/watchKeys.js';
import { createProvider } from './provider/createProvider.js';
import { providerPages } from './provider/providerPages.js';
import { createStore } from './store/createStore.js';
import type { Store } from './store/Store.js';

export interface Ostiary {
  /** The request listener for node:http (http/requestHandler.ts). */
  readonly handler: RequestListener;
  readonly app: Koa;
  readonly store: Store;
  readonly provider: () => Provider;
  readonly keys: KeyWatch;
  close(): Promise<void>;
}

export interface BootOptions {
  /** A store to use instead of the one the config names (tests wrap it to inject faults). */
  readonly store?: Store;
}

interface Snapshot {
  readonly provider: Provider;
  readonly jwks: StaticDocument;
  readonly cookieSecrets: readonly string[];
}

export async function boot(config: AppConfig, logger: Logger, options: BootOptions = {}): Promise<Ostiary> {
  const store = options.store ?? (await createStore(config, logger));
  const page = renderPage(createRenderer());
  const pages = providerPages(page);
  const build = (ring: KeyRing): Snapshot => {
    const secrets = cookieSecrets(ring.cookies);
    const provider = createProvider({ config, store, signingKeys: ring.signing, cookieKeys: secrets, pages });
    provider.on('server_error', (_ctx, err) => logger.error({ err }, 'provider error'));
    return { provider, jwks: jwksDocument(ring.signing, config.keys.propagation), cookieSecrets: secrets };
  };
  const initial = await readKeyRing(store);
  let current = build(initial);
  const keys = watchKeys(store, config, logger, initial, (ring) => {
    current = build(ring);
  });
  const provider = () => current.provider;
  const discovery = discoveryCache(provider);
  const app = createApp({
    config,
    store,
    provider,
    page,
    csrf: csrf(() => current.cookieSecrets),
    authenticate: createAuthenticator(store.accounts),
    logger,
  });
  return {
    handler: requestHandler({ config, app, provider, jwks: () => current.jwks, discovery, logger }),
    app,
    store,
    provider,
    keys,
    async close() {
      keys.stop();
      await store.close();
    },
  };
}
