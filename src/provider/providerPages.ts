// The pages oidc-provider renders itself: the logout confirmation, the signed-out page, the error
// page for requests that must not be redirected (unknown client, unregistered redirect_uri), and
// the device flow's (RFC 8628): enter the code, confirm it, done. They use our views and CSP like
// every other page.
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { originOf } from '../http/contentSecurityPolicy.js';
import type { RenderPage } from '../http/renderPage.js';
import { type Message, text } from '../i18n/translator.js';
import { type Refusal, tooManyAttempts } from '../throttle/Refusal.js';
import { humanError } from './humanError.js';
import { ROUTES } from './providerRoutes.js';

type RpInitiatedLogout = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;
type DeviceFlow = NonNullable<NonNullable<Configuration['features']>['deviceFlow']>;

export interface ProviderPages {
  logoutSource: NonNullable<RpInitiatedLogout['logoutSource']>;
  postLogoutSuccessSource: NonNullable<RpInitiatedLogout['postLogoutSuccessSource']>;
  renderError: NonNullable<Configuration['renderError']>;
  userCodeInputSource: NonNullable<DeviceFlow['userCodeInputSource']>;
  userCodeConfirmSource: NonNullable<DeviceFlow['userCodeConfirmSource']>;
  successSource: NonNullable<DeviceFlow['successSource']>;
  /** A refusal instead of the code page: the address guessed too many codes. */
  userCodesThrottled(ctx: KoaContextWithOIDC, refusal: Refusal, basePath: string): void;
}

/** What the code page says after a wrong or refused code (oidc-provider's re-render errors). */
const DEVICE_ERRORS: Readonly<Record<string, Message>> = {
  NoCodeError: text('device.no_code'),
  NotFoundError: text('device.not_found'),
  ExpiredError: text('device.expired'),
  AlreadyUsedError: text('device.used'),
  AbortedError: text('device.aborted'),
};

/** The device flow's form token (oidc-provider's xsrf, kept in the browser session). */
const xsrfOf = (ctx: KoaContextWithOIDC) => String(ctx.oidc.session?.state?.secret ?? '');

const clientName = (ctx: KoaContextWithOIDC) => ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId;

export function providerPages(page: RenderPage): ProviderPages {
  const codePage = (ctx: KoaContextWithOIDC, error: Message | undefined, userCode?: string, status = 200) => {
    const data = { action: ctx.oidc.urlFor('code_verification'), xsrf: xsrfOf(ctx), userCode, error };
    page(ctx as never, 'device-code', data, { status });
  };
  return {
    async logoutSource(ctx, form) {
      page(
        ctx as never,
        'logout',
        { form, clientName: clientName(ctx) },
        {
          formTargets: originOf(ctx.oidc.params?.post_logout_redirect_uri),
        },
      );
    },
    async postLogoutSuccessSource(ctx) {
      page(ctx as never, 'logged-out', { clientName: clientName(ctx) });
    },
    async renderError(ctx, out) {
      const data = { error: out.error, description: humanError(out.error), details: out.error_description };
      page(ctx as never, 'error', data, { status: ctx.status });
    },
    async userCodeInputSource(ctx, _form, _out, err) {
      // A wrong code re-renders the form (200); anything else (access denied, an outage) keeps its status.
      const error = err === undefined ? undefined : (DEVICE_ERRORS[err.name] ?? text('device.failed'));
      codePage(ctx, error, (err as { userCode?: string } | undefined)?.userCode, ctx.status);
    },
    userCodesThrottled(ctx, refusal, basePath) {
      ctx.set('Retry-After', String(refusal.retryAfterSeconds));
      const link = { href: `${basePath}${ROUTES.code_verification}`, text: text('device.try_again') };
      page(
        ctx as never,
        'notice',
        { title: text('device.title'), message: tooManyAttempts(refusal), link },
        { status: 429 },
      );
    },
    async userCodeConfirmSource(ctx, _form, client, deviceInfo, userCode) {
      const data = {
        action: ctx.oidc.urlFor('code_verification'),
        xsrf: xsrfOf(ctx),
        userCode,
        clientName: client.clientName ?? client.clientId,
        address: (deviceInfo as { ip?: string } | undefined)?.ip,
      };
      page(ctx as never, 'device-confirm', data);
    },
    async successSource(ctx) {
      page(ctx as never, 'device-done', { clientName: clientName(ctx) });
    },
  };
}
