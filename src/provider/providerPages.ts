// The pages oidc-provider renders itself: the logout confirmation, the signed-out page and the
// error page for requests that must not be redirected (unknown client, unregistered
// redirect_uri). They use our views and CSP like every other page.
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { originOf } from '../http/contentSecurityPolicy.js';
import type { RenderPage } from '../http/renderPage.js';
import { humanError } from './humanError.js';

type RpInitiatedLogout = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;

export interface ProviderPages {
  logoutSource: NonNullable<RpInitiatedLogout['logoutSource']>;
  postLogoutSuccessSource: NonNullable<RpInitiatedLogout['postLogoutSuccessSource']>;
  renderError: NonNullable<Configuration['renderError']>;
}

const clientName = (ctx: KoaContextWithOIDC) => ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId;

export function providerPages(page: RenderPage): ProviderPages {
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
  };
}
