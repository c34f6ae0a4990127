// Wires Ostiary together from a validated config: store, keys, pages, provider, app. No
// environment, no listening: main.ts and the tests each do that their own way. The provider is
// built from a snapshot of the key ring and rebuilt when the ring changes (a rotation); requests
// in flight finish on the instance they started with.
import type { RequestListener } from 'node:http';
import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { accountLinks } from './accounts/accountLinks.js';
import { createAuthenticator } from './accounts/createAuthenticator.js';
import { DEFAULT_CONCURRENT_HASHES, hashingGate, perAddressShare, WAITING_PER_HASH } from './accounts/hashingGate.js';
import { passkeys } from './accounts/passkeys.js';
import { sessionActivity } from './accounts/sessionActivity.js';
import { createSignIn } from './accounts/signIn.js';
import { adminResourceId, ensureAdminResource } from './admin/adminResource.js';
import { authenticateAdmin } from './admin/authenticateAdmin.js';
import { createApp } from './app.js';
import { createAudit } from './audit/Audit.js';
import { type AuditDestination, auditDestination } from './audit/auditDestination.js';
import type { AppConfig } from './config/AppConfig.js';
import { brandAssets } from './http/brandAssets.js';
import { createRenderer } from './http/createRenderer.js';
import { discoveryCache } from './http/discoveryCache.js';
import { jwksDocument } from './http/jwksDocument.js';
import { refuseKnownGuessers } from './http/refuseKnownGuessers.js';
import { renderPage } from './http/renderPage.js';
import { requestHandler } from './http/requestHandler.js';
import type { StaticDocument } from './http/staticDocument.js';
import { csrf } from './interactions/csrf.js';
import { loginOffers } from './interactions/loginOffers.js';
import { cookieSecrets } from './keys/loadCookieKeys.js';
import { type KeyRing, readKeyRing } from './keys/readKeyRing.js';
import { type KeyWatch, watchKeys } from './keys/watchKeys.js';
import { backchannelLogout, type DeliveryPolicy, SERVER_DELIVERY } from './logout/backchannelLogout.js';
import { reportDelivery } from './logout/reportDelivery.js';
import { createMailer } from './mail/createMailer.js';
import { type Metrics, noMetrics } from './metrics/Metrics.js';
import { measuredStore } from './metrics/measuredStore.js';
import { activeAccount } from './provider/activeAccount.js';
import { createProvider } from './provider/createProvider.js';
import { observeProvider } from './provider/observeProvider.js';
import { providerPages } from './provider/providerPages.js';
import { createStore } from './store/createStore.js';
import type { Store } from './store/Store.js';
import { clientAuthThrottle } from './throttle/clientAuthThrottle.js';
import { interactionThrottle } from './throttle/interactionThrottle.js';
import { linkThrottle } from './throttle/linkThrottle.js';
import { loginThrottle } from './throttle/loginThrottle.js';
import { userCodeThrottle } from './throttle/userCodeThrottle.js';
import { VERSION } from './version.js';

export interface Ostiary {
  /** The request listener for node:http (http/requestHandler.ts). */
  readonly handler: RequestListener;
  readonly app: Koa;
  readonly store: Store;
  readonly provider: () => Provider;
  readonly keys: KeyWatch;
  /** Starts shutting down: readyz answers 503 and every response closes its connection. */
  drain(): void;
  close(): Promise<void>;
}

export interface BootOptions {
  /** A store to use instead of the one the config names (tests wrap it to inject faults). */
  readonly store?: Store;
  /** Epoch milliseconds: throttling, refresh reuse, key transitions (tests move it). @default Date.now */
  readonly clock?: () => number;
  /** Where audit lines go. @default AUDIT_LOG, or stdout */
  readonly audit?: AuditDestination;
  /** What counts requests, tokens and store calls (createMetrics). @default noMetrics: METRICS_PORT unset */
  readonly metrics?: Metrics;
  /** How back-channel logouts are retried. @default SERVER_DELIVERY (tests shorten it) */
  readonly logoutDelivery?: DeliveryPolicy;
  /**
   * How the provider calls out (a client's jwks_uri). @default fetch, refusing loopback and private
   * addresses (oidc-provider's SSRF protection); tests serve a client's keys on loopback.
   */
  readonly outboundFetch?: typeof fetch;
}

interface Snapshot {
  readonly provider: Provider;
  readonly jwks: StaticDocument;
  readonly cookieSecrets: readonly string[];
}

export async function boot(config: AppConfig, logger: Logger, options: BootOptions = {}): Promise<Ostiary> {
  const metrics = options.metrics ?? noMetrics;
  const measuring = metrics !== noMetrics;
  const opened = options.store ?? (await createStore(config, logger));
  const store = measuring ? measuredStore(opened, metrics) : opened;
  const clock = options.clock ?? Date.now;
  const destination = options.audit ?? auditDestination(config.auditLog);
  const audit = createAudit(destination.write, measuring ? [metrics.audited] : [], clock);
  const brand = brandAssets(config.brand);
  const render = createRenderer(undefined, config.basePath, brand.view);
  const page = renderPage(render);
  const pages = providerPages(page);
  // Built once: a rebuilt provider (key rotation) keeps each client's throttling state.
  const throttles = {
    interactions: interactionThrottle(store.limits, config.throttle, clock),
    userCodes: userCodeThrottle(store.limits, config.throttle, clock),
    clientAuth: clientAuthThrottle(store.limits, config.throttle, clock),
  };
  const activity = sessionActivity(store.artifacts, config.ttl.sessionMax, clock);
  const backchannel = backchannelLogout({
    clients: store.clients,
    signingKeys: () => ring.signing,
    issuer: config.issuerId,
    policy: options.logoutDelivery ?? SERVER_DELIVERY,
    now: clock,
    report: reportDelivery(audit, (facts, message) => logger.warn(facts, message)),
    lost: (error) => logger.error({ err: error }, 'the apps to tell of a sign-out could not be read; none was told'),
  });
  const { signedOut } = backchannel;
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
      audit,
      activity,
      signedOut,
      outboundFetch: options.outboundFetch,
    });
    observeProvider(provider, { audit, metrics, logger });
    return { provider, jwks: jwksDocument(ring.signing, config.keys.propagation), cookieSecrets: secrets };
  };
  const initial = await readKeyRing(store).catch(async (error: unknown) => {
    if (!options.store) await opened.close(); // ours to close: nothing else will
    throw error;
  });
  await ensureAdminResource(store, config.issuerId);
  let current = build(initial);
  let ring = initial;
  const keys = watchKeys(
    store,
    config,
    logger,
    initial,
    (next) => {
      current = build(next);
      ring = next;
    },
    { audit, actor: 'ostiary' },
    clock,
  );
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
    audit,
  );
  metrics.follow({
    signingKeys: () => ring.signing,
    rotationInterval: config.keys.rotationInterval,
    clientIds: async () => (await store.clients.list()).map((client) => String(client.client_id)),
  });
  let draining = false;
  const isDraining = () => draining;
  const authenticate = authenticateAdmin({
    issuer: config.issuerId,
    audience: adminResourceId(config.issuerId),
    jwks: () => current.jwks,
    clients: store.clients,
  });
  const mailer = createMailer(config.mail, {
    production: config.production,
    logUnsent: ({ to, subject, link }) =>
      logger.warn(
        { to, subject, link },
        'no SMTP_URL: this mail was not sent; its link is here instead (development only)',
      ),
  });
  const links = accountLinks(store, clock);
  const linkLimits = linkThrottle(store.limits, config.throttle, clock);
  const resets = {
    store,
    links,
    mailer,
    throttle: linkLimits,
    audit,
    issuerId: config.issuerId,
    mailFailed: (error: unknown) => logger.error({ err: error }, 'a password reset mail was not sent'),
  };
  const mail = { links, mailer, issuerId: config.issuerId };
  const signup = config.signup
    ? { ...resets, mailFailed: (error: unknown) => logger.error({ err: error }, 'a sign-up mail was not sent') }
    : undefined;
  const admin = { store, config, audit, authenticate, version: VERSION, mail, signedOut };
  const app = createApp({
    store,
    provider,
    page,
    csrf: forms,
    signIn,
    logger,
    audit,
    draining: isDraining,
    admin,
    resets,
    links: { store, links, throttle: linkLimits, audit, signedOut },
    secondStep: { store, policy: config.throttle, now: clock, audit },
    passkeys: passkeys({ store, audit, issuerId: config.issuerId, rpName: config.brand.name, now: clock }),
    signup,
    account: {
      active: activeAccount(store.accounts),
      verification: mail,
      issuerId: config.issuerId,
      basePath: config.basePath,
      now: clock,
      brandName: config.brand.name,
      activity,
      signedOut,
    },
    assets: brand.assets,
  });
  return {
    handler: requestHandler({
      config,
      app,
      provider,
      jwks: () => current.jwks,
      discovery,
      refuseKnownGuesser: refuseKnownGuessers(
        signIn,
        forms,
        render,
        metrics.loginRefusedEarly,
        loginOffers(resets, signup),
      ),
      logger,
      metrics: measuring ? metrics : undefined,
      draining: isDraining,
    }),
    app,
    store,
    provider,
    keys,
    drain() {
      draining = true;
    },
    async close() {
      keys.stop();
      // Deliveries under way get a moment to end; what still waits for a retry is given up, said.
      await Promise.race([backchannel.settled(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      if (backchannel.pending()) {
        logger.warn(
          { pending: backchannel.pending() },
          'back-channel logouts still being delivered were given up: those apps were not told',
        );
      }
      destination.flush();
      await store.close();
    },
  };
}
