// A browser without a browser: follows the provider's redirects within its origin, keeps
// cookies, reads forms (CSRF tokens) off pages and submits them. Stops at the first redirect to
// another origin (the client's redirect_uri) and returns that URL.
import { CookieJar } from './CookieJar.js';

export interface Page {
  readonly url: string;
  readonly status: number;
  readonly html: string;
  readonly headers: Headers;
}

export class UserAgent {
  readonly jar = new CookieJar();

  constructor(readonly origin: string) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(response);
    return response;
  }

  /** Follows same-origin redirects; returns the final page or the off-origin Location. */
  async navigate(url: string, init: RequestInit = {}): Promise<Page | { redirect: string }> {
    let response = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops += 1) {
      const location = new URL(response.headers.get('location') ?? '', current).href;
      if (new URL(location).origin !== this.origin) {
        await response.body?.cancel();
        return { redirect: location };
      }
      await response.body?.cancel();
      current = location;
      response = await this.request(current);
    }
    return { url: current, status: response.status, html: await response.text(), headers: response.headers };
  }

  /** Submits the form whose action ends with `actionSuffix`, with its hidden fields plus `fields`. */
  async submit(
    page: Page,
    actionSuffix: string,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    const form = formOn(page.html, actionSuffix);
    const body = new URLSearchParams({ ...form.hidden, ...fields });
    return this.navigate(new URL(form.action, page.url).href, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }
}

export function formOn(html: string, actionSuffix: string) {
  const forms = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const match = forms.find(([, action]) => action?.endsWith(actionSuffix));
  if (!match) throw new Error(`no form posting to ...${actionSuffix} on the page`);
  const [, action = '', inner = ''] = match;
  const hidden = Object.fromEntries(
    [...inner.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, n, v]) => [n, v]),
  );
  return { action: action.replaceAll('&amp;', '&'), hidden: hidden as Record<string, string> };
}

export const isPage = (value: Page | { redirect: string }): value is Page => 'html' in value;

/** The page a step stopped on; a redirect away throws, naming where it went. */
export function asPage(step: Page | { redirect: string }): Page {
  if (!isPage(step)) throw new Error(`expected a page, went to ${step.redirect}`);
  return step;
}

/** A page's text as a person reads it: tags gone, white space folded. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
