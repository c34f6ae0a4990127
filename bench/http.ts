// Just enough HTTP for the flows autocannon cannot drive: node:http with a keep-alive agent (cheaper
// per request than fetch, which matters on two cores shared with the servers), a cookie jar per
// "browser", forms read off pages, redirects followed within the server's origin.
import { Agent, type IncomingHttpHeaders, request } from 'node:http';

const REQUEST_TIMEOUT_MS = 15_000; // nothing in a flow may hang the benchmark

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpInit {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly form?: Record<string, string>;
}

export function httpRequest(agent: Agent, url: URL, init: HttpInit = {}): Promise<HttpResponse> {
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  const headers: Record<string, string> = { ...init.headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: init.method ?? 'GET', headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${init.method ?? 'GET'} ${url.pathname}: no answer in 15 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const keepAliveAgent = (maxSockets: number) => new Agent({ keepAlive: true, maxSockets });

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** The form posting to an action ending in `actionSuffix`, with its hidden fields. */
export function formOn(html: string, actionSuffix: string): { action: string; hidden: Record<string, string> } {
  for (const [, action = '', inner = ''] of html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
    if (!action.endsWith(actionSuffix)) continue;
    const hidden: Record<string, string> = {};
    for (const [input] of inner.matchAll(/<input[^>]*>/g)) {
      const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(input)?.[1];
      const name = attribute('name');
      if (attribute('type') === 'hidden' && name) hidden[name] = (attribute('value') ?? '').replaceAll('&amp;', '&');
    }
    return { action: action.replaceAll('&amp;', '&'), hidden };
  }
  throw new Error(`no form posting to ...${actionSuffix} on the page`);
}

export type Step = { readonly page: HttpResponse; readonly url: URL } | { readonly redirect: URL };

/** A browser without a browser: keeps cookies (by name; one host) and follows same-origin redirects. */
export class Browser {
  readonly #cookies = new Map<string, string>();

  constructor(
    readonly origin: string,
    readonly agent: Agent,
  ) {}

  async #send(url: URL, init: HttpInit): Promise<HttpResponse> {
    const cookie = this.cookieHeader();
    const response = await httpRequest(this.agent, url, {
      ...init,
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line))
        this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects within the origin; returns the final page or the first off-origin Location. */
  async navigate(url: URL, init: HttpInit = {}): Promise<Step> {
    let current = url;
    let response = await this.#send(current, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops += 1) {
      if (hops >= 10) throw new Error(`more than 10 redirects from ${url.pathname}`);
      const next = new URL(String(response.headers.location ?? ''), current);
      if (next.origin !== this.origin) return { redirect: next };
      current = next;
      response = await this.#send(current, {});
    }
    return { page: response, url: current };
  }

  /** The Cookie header it sends (to replay a sign-in form from other connections). */
  cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Submits the page's form whose action ends with `actionSuffix`, hidden fields plus `fields`. */
  submit(step: Step, actionSuffix: string, fields: Record<string, string> = {}): Promise<Step> {
    if (!('page' in step)) throw new Error(`expected a page with a ${actionSuffix} form, got a redirect`);
    const form = formOn(step.page.body, actionSuffix);
    return this.navigate(new URL(form.action, step.url), { method: 'POST', form: { ...form.hidden, ...fields } });
  }
}
