// createApp: the host's middleware, in the order a request meets it. Everything oidc-provider
// answers (discovery, authorize, token, userinfo, introspection, revocation, logout) is reached
// last, after our own routes had their chance. JWKS and known discovery bytes never get here:
// boot's handler answers them first (http/metadataFastPath.ts).
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Authenticate } from './accounts/createAuthenticator.js';
import type { AppConfig } from './config/AppConfig.js';
import { delegateToProvider } from './http/delegateToProvider.js';
import type { DiscoveryCache } from './http/discoveryCache.js';
import { errorHandler } from './http/errorHandler.js';
import { health } from './http/health.js';
import { pinIssuerHost } from './http/pinIssuerHost.js';
import type { RenderPage } from './http/renderPage.js';
import { requestLogger } from './http/requestLogger.js';
import { securityHeaders } from './http/securityHeaders.js';
import { staticAssets } from './http/staticAssets.js';
import type { Csrf } from './interactions/csrf.js';
import { interactionRoutes } from './interactions/interactionRoutes.js';
import type { Store } from './store/Store.js';

export const ASSETS_DIR = fileURLToPath(new URL('../views/assets/', import.meta.url));

export interface AppDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly provider: () => Provider;
  readonly discovery: DiscoveryCache;
  readonly page: RenderPage;
  readonly csrf: Csrf;
  readonly authenticate: Authenticate;
  readonly logger: Logger;
}

export function createApp({ config, store, provider, discovery, page, csrf, authenticate, logger }: AppDeps): Koa {
  const app = new Koa();
  app.proxy = config.trustProxy;
  app.silent = true; // errorHandler logs what matters; Koa's default would print stacks to stderr

  app.use(requestLogger(logger));
  app.use(securityHeaders(config.issuer));
  app.use(errorHandler(page, logger));
  app.use(pinIssuerHost(config.issuer, config.trustProxy));
  app.use(health(store));
  app.use(discovery.keep);
  app.use(staticAssets(ASSETS_DIR));
  app.use(interactionRoutes({ provider, page, csrf, authenticate, accounts: store.accounts }));
  app.use(delegateToProvider(provider));
  return app;
}
