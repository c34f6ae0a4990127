// The node:http request listener, in the order a request meets it:
//   0. with an ISSUER path (https://example.com/id), the path is taken off (anything outside it
//      is 404): every step below, and oidc-provider (which builds its URLs with the issuer's
//      path), sees the routes as at the root; then the request id (X-Request-Id), echoed;
//   1. public metadata (JWKS, discovery) from precomputed bytes (not logged: resource servers
//      fetch it constantly; counted when metrics are on);
//   2. for everything else: pin the issuer's host, set the security headers, log and measure on
//      finish;
//   3. a sign-in from an address known to be over its limit is refused at once (a flood of
//      guesses must not take the event loop);
//   4. our own routes (interactions, assets, health) go to the host Koa app (createApp);
//   5. the rest is oidc-provider's (authorize, token, userinfo, introspection, revocation,
//      logout, discovery's first answer), handed to the provider serving now: one Koa context
//      per request instead of two. Requests in flight finish on the provider they started with.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/AppConfig.js';
import type { Metrics } from '../metrics/Metrics.js';
import { basePathStripper } from './basePathStripper.js';
import type { DiscoveryCache } from './discoveryCache.js';
import { hostRoute } from './hostRoute.js';
import { metadataFastPath } from './metadataFastPath.js';
import { pinIssuerHost } from './pinIssuerHost.js';
import { beginRequest } from './requestContext.js';
import { requestObserver } from './requestObserver.js';
import { securityHeaders } from './securityHeaders.js';
import type { StaticDocument } from './staticDocument.js';

export interface RequestHandlerDeps {
  readonly config: AppConfig;
  readonly app: Koa;
  readonly provider: () => Provider;
  readonly jwks: () => StaticDocument;
  readonly discovery: DiscoveryCache;
  /** Step 3: true when it answered the request. */
  readonly refuseKnownGuesser: (req: IncomingMessage, res: ServerResponse) => boolean;
  readonly logger: Logger;
  /** Undefined when metrics are off. */
  readonly metrics: Metrics | undefined;
  /** True once the process is shutting down: every response then closes its connection. */
  readonly draining: () => boolean;
}

export function requestHandler({
  config,
  app,
  provider,
  jwks,
  discovery,
  refuseKnownGuesser,
  logger,
  metrics,
  draining,
}: RequestHandlerDeps): RequestListener {
  const metadata = metadataFastPath({ jwks, discovery: discovery.current });
  const pin = pinIssuerHost(config.issuer, config.trustProxy);
  const secure = securityHeaders(config.issuer);
  const observe = requestObserver(logger, metrics);
  const underBase = basePathStripper(config.basePath);
  const host = app.callback();
  type Callback = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  const providers = new WeakMap<Provider, Callback>();
  const providerCallback = (): Callback => {
    const current = provider();
    let callback = providers.get(current);
    if (!callback) {
      callback = discovery.keeping(current, current.callback() as Callback);
      providers.set(current, callback);
    }
    return callback;
  };

  return function handleRequest(req: IncomingMessage, res: ServerResponse) {
    const started = metrics && performance.now();
    if (!underBase(req)) {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`Not found: Ostiary is at ${config.issuerId}\n`);
      return;
    }
    pin(req);
    const context = beginRequest(req, res);
    if (draining()) res.setHeader('Connection', 'close');
    const served = metadata(req, res);
    if (served) {
      if (started !== undefined)
        metrics?.request(served, req.method ?? '', res.statusCode, (performance.now() - started) / 1000);
      return;
    }
    secure(res);
    observe?.(req, res, context);
    if (refuseKnownGuesser(req, res)) return;
    const ours = hostRoute(req.url?.split('?', 1)[0] ?? '') !== undefined;
    void (ours ? host(req, res) : providerCallback()(req, res));
  };
}
