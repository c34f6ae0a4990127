// createApp: the host's own routes, in the order a request meets them: the error handler, health,
// assets, the admin API, the interaction pages (login, consent, abort, forgot password) and the
// pages mailed links open. Everything else is oidc-provider's;
// http/requestHandler.ts decides which requests come here and does what all requests share
// (issuer pinning, security headers, request log) before they do.
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { AccountPageDeps } from './account/accountPage.js';
import { accountRoutes } from './account/accountRoutes.js';
import type { Passkeys } from './accounts/passkeys.js';
import { rememberedConsents } from './accounts/rememberedConsents.js';
import type { ResetRequestDeps } from './accounts/requestPasswordReset.js';
import type { SignIn } from './accounts/signIn.js';
import type { SignUpDeps } from './accounts/signUp.js';
import type { LinkUseDeps } from './accounts/useAccountLink.js';
import type { AdminApiDeps } from './admin/adminApi.js';
import { adminApi } from './admin/adminApi.js';
import type { Audit } from './audit/Audit.js';
import type { Asset } from './http/brandAssets.js';
import { errorHandler } from './http/errorHandler.js';
import { health } from './http/health.js';
import type { RenderPage } from './http/renderPage.js';
import { staticAssets } from './http/staticAssets.js';
import { webauthnBrowserAsset } from './http/webauthnBrowserAsset.js';
import type { Csrf } from './interactions/csrf.js';
import { interactionRoutes } from './interactions/interactionRoutes.js';
import type { SecondStepDeps } from './interactions/secondStep.js';
import { selfServiceRoutes } from './selfService/selfServiceRoutes.js';
import type { Store } from './store/Store.js';

export const ASSETS_DIR = fileURLToPath(new URL('../views/assets/', import.meta.url));

export interface AppDeps {
  readonly store: Store;
  readonly provider: () => Provider;
  readonly page: RenderPage;
  readonly csrf: Csrf;
  readonly signIn: SignIn;
  readonly logger: Logger;
  readonly audit: Audit;
  /** True once the process is shutting down (readyz answers 503). */
  readonly draining: () => boolean;
  readonly admin: AdminApiDeps;
  /** The account page: who is signed in, and the mail it may send. */
  readonly account: Omit<AccountPageDeps, 'provider' | 'page' | 'csrf' | 'store' | 'signIn' | 'audit' | 'passkeys'>;
  /** Passkeys: registered on the account page, used on the sign-in pages. */
  readonly passkeys: Passkeys;
  /** Assets made at startup: the brand's logo and colours. */
  readonly assets: readonly Asset[];
  /** Self-registration; undefined when SIGNUP is off. */
  readonly signup: SignUpDeps | undefined;
  /** The second step of a sign-in. */
  readonly secondStep: SecondStepDeps;
  /** Reset links asked for from the login page, and the links mail carries. */
  readonly resets: ResetRequestDeps;
  readonly links: LinkUseDeps;
}

export function createApp(deps: AppDeps): Koa {
  const { store, provider, page, csrf, signIn, logger, audit, draining, admin, resets, links, account, secondStep } =
    deps;
  const { assets, signup, passkeys } = deps;
  const app = new Koa();
  // Host and X-Forwarded-Proto always come from ISSUER (pinIssuerHost), X-Forwarded-For only when
  // TRUST_PROXY: trusting them is trusting our own settings. ctx.ip is the last X-Forwarded-For
  // entry, the one our proxy wrote, not one a client put first.
  app.proxy = true;
  app.maxIpsCount = 1;
  app.silent = true; // errorHandler logs what matters; Koa's default would print stacks to stderr

  app.use(errorHandler(page, logger));
  app.use(health(store, draining));
  app.use(staticAssets(ASSETS_DIR, '/assets/', [...assets, webauthnBrowserAsset()]));
  app.use(adminApi(admin));
  const basePath = account.basePath;
  app.use(
    interactionRoutes({
      ...{ provider, page, csrf, signIn, accounts: store.accounts, audit },
      ...{ resets, basePath, secondStep, signup, passkeys, consents: rememberedConsents(store.artifacts) },
    }),
  );
  app.use(selfServiceRoutes({ page, csrf, links }));
  app.use(accountRoutes({ provider, page, csrf, store, signIn, audit, passkeys, ...account }));
  return app;
}
