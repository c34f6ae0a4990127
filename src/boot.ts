// Wires Ostiary together from a validated config: store, keys, pages, provider, app. No
// environment, no listening: main.ts and the tests each do that their own way. The provider is
// built from a snapshot of the key ring and rebuilt when the ring changes (a rotation); requests
// in flight finish on the instance they started with.
import type { RequestListener } from 'node:http';
import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { createAuthenticator } from './accounts/createAuthenticator.js';
import { DEFAULT_CONCURRENT_HASHES, hashingGate, perAddressShare, WAITING_PER_HASH } from './accounts/hashingGate.js';
import { createSignIn } from './accounts/signIn.js';
import { createApp } from './app.js';
import type { AppConfig } from './config/AppConfig.js';
import { createRenderer } from './http/createRenderer.js';
import { discoveryCache } from './http/discoveryCache.js';
import { jwksDocument } from './http/jwksDocument.js';
import { refuseKnownGuessers } from './http/refuseKnownGuessers.js';
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
import { clientAuthThrottle } from './throttle/clientAuthThrottle.js';
import { interactionThrottle } from './throttle/interactionThrottle.js';
import { loginThrottle } from './throttle/loginThrottle.js';

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
  /** Epoch milliseconds for throttling (tests move it instead of waiting). @default Date.now */
  readonly clock?: () => number;
}

interface Snapshot {
  readonly provider: Provider;
  readonly jwks: StaticDocument;
  readonly cookieSecrets: readonly string[];
}

export async function boot(config: AppConfig, logger: Logger, options: BootOptions = {}): Promise<Ostiary> {
  const store = options.store ?? (await createStore(config, logger));
  const clock = options.clock ?? Date.now;
  const render = createRenderer();
  const page = renderPage(render);
  const pages = providerPages(page);
  // Built once: a rebuilt provider (key rotation) keeps each client's throttling state.
  const throttles = {
    interactions: interactionThrottle(store.limits, config.throttle, clock),
    clientAuth: clientAuthThrottle(store.limits, config.throttle, clock),
  };
  const build = (ring: KeyRing): Snapshot => {
    const secrets = cookieSecrets(ring.cookies);
    const provider = createProvider({
      config,
      store,
      signingKeys: ring.signing,
      cookieKeys: secrets,
      pages,
      throttles,
      clock,
    });
    provider.on('server_error', (_ctx, err) => logger.error({ err }, 'provider error'));
    return { provider, jwks: jwksDocument(ring.signing, config.keys.propagation), cookieSecrets: secrets };
  };
  const initial = await readKeyRing(store).catch(async (error: unknown) => {
    if (!options.store) await store.close(); // ours to close: nothing else will
    throw error;
  });
  let current = build(initial);
  const keys = watchKeys(store, config, logger, initial, (ring) => {
    current = build(ring);
  });
  const provider = () => current.provider;
  const discovery = discoveryCache(provider);
  const forms = csrf(() => current.cookieSecrets);
  const gate = hashingGate(
    DEFAULT_CONCURRENT_HASHES,
    DEFAULT_CONCURRENT_HASHES * WAITING_PER_HASH,
    perAddressShare(config.throttle.perAddressPerMinute),
  );
  const signIn = createSignIn(
    createAuthenticator(store.accounts, gate),
    loginThrottle(store.limits, config.throttle, clock),
  );
  const app = createApp({ store, provider, page, csrf: forms, signIn, logger });
  return {
    handler: requestHandler({
      config,
      app,
      provider,
      jwks: () => current.jwks,
      discovery,
      refuseKnownGuesser: refuseKnownGuessers(signIn, forms, render),
      logger,
    }),
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
