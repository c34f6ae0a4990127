// Sends an HTML page: renders a view into the layout in the request's language, sets the page's
// CSP (its form targets included) and forbids caching, since pages carry CSRF tokens and personal
// data.
import type { Context } from 'koa';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';
import type { Render } from './createRenderer.js';

export interface PageOptions {
  readonly status?: number;
  /** Origins a form on this page may end up at after redirects. */
  readonly formTargets?: readonly string[];
}

export type RenderPage = (ctx: Context, view: string, data: Record<string, unknown>, options?: PageOptions) => void;

export function renderPage(render: Render): RenderPage {
  return (ctx, view, data, { status = 200, formTargets = [] } = {}) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', contentSecurityPolicy(formTargets));
    ctx.set('Cache-Control', 'no-store');
    // ui_locales: the interaction's (loadInteraction keeps it), or the end-session request's.
    const oidcParams = (ctx as { oidc?: { params?: Record<string, unknown> } }).oidc?.params;
    const uiLocales = ctx.state.uiLocales ?? oidcParams?.ui_locales;
    ctx.body = render(view, data, { uiLocales, acceptLanguage: ctx.get('accept-language') });
  };
}
