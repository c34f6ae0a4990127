// The protocol flows the benchmark drives over HTTP: an authorization request with PKCE (S256),
// the login and consent pages, the code exchange; and from them the single-use refresh tokens and
// the opaque access token that some scenarios need ready before they start.
import { createHash, randomBytes } from 'node:crypto';
import type { Agent } from 'node:http';
import { Browser, basicAuth, httpRequest, type Step } from './http.js';
import type { Target } from './servers.js';

export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly token_type: string;
}

export interface AuthorizationRequest {
  readonly scope: string;
  /** An RFC 8707 resource: the access token becomes an ES256 JWT for it. Without: opaque. */
  readonly resource?: string;
}

/** What a single-page app with an API asks for: ID token (RS256), JWT access token (ES256), refresh token. */
export const API_LOGIN = (target: Target): AuthorizationRequest => ({
  scope: 'openid email profile read',
  resource: target.fixtures.api.id,
});

/** A login whose access token is opaque (for userinfo), so it can be introspected. */
export const OPAQUE_LOGIN: AuthorizationRequest = { scope: 'openid email' };

interface Pending {
  readonly url: URL;
  readonly verifier: string;
}

function authorizationUrl(target: Target, request: AuthorizationRequest): Pending {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/auth', target.url);
  url.search = new URLSearchParams({
    client_id: target.fixtures.web.client_id,
    response_type: 'code',
    redirect_uri: target.fixtures.web.redirect_uri,
    scope: request.scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('base64url'),
    nonce: randomBytes(8).toString('base64url'),
    ...(request.resource ? { resource: request.resource } : {}),
  }).toString();
  return { url, verifier };
}

const hasForm = (step: Step, suffix: string) =>
  'page' in step && new RegExp(`<form[^>]*action="[^"]*${suffix}"`).test(step.page.body);

function codeFrom(step: Step, target: Target): string {
  if ('page' in step) {
    const text = step.page.body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    throw new Error(`${target.side}: the flow stopped on a page (${step.page.status} ${step.url.pathname}): ${text}`);
  }
  const code = step.redirect.searchParams.get('code');
  if (!code) throw new Error(`${target.side}: redirected without a code: ${step.redirect.search}`);
  return code;
}

/** authorize → login page → consent page (when asked) → code. The browser keeps the session. */
export async function signIn(browser: Browser, target: Target, request: AuthorizationRequest) {
  const { url, verifier } = authorizationUrl(target, request);
  let step = await browser.navigate(url);
  if (hasForm(step, '/login')) {
    step = await browser.submit(step, '/login', {
      email: target.fixtures.user.email,
      password: target.fixtures.user.password,
    });
  }
  if (hasForm(step, '/confirm')) step = await browser.submit(step, '/confirm');
  return { code: codeFrom(step, target), verifier };
}

/** POST /token with the code and its PKCE verifier, as the confidential web app. */
export async function redeem(agent: Agent, target: Target, code: string, verifier: string): Promise<TokenResponse> {
  const { web } = target.fixtures;
  const response = await httpRequest(agent, new URL('/token', target.url), {
    method: 'POST',
    headers: { authorization: basicAuth(web.client_id, web.client_secret) },
    form: { grant_type: 'authorization_code', code, redirect_uri: web.redirect_uri, code_verifier: verifier },
  });
  if (response.status !== 200) throw new Error(`${target.side}: code exchange ${response.status}: ${response.body}`);
  return JSON.parse(response.body) as TokenResponse;
}

/** One whole login by a new browser: authorize, log in, consent, exchange the code. */
export async function login(agent: Agent, target: Target, request: AuthorizationRequest): Promise<TokenResponse> {
  const browser = new Browser(new URL(target.url).origin, agent);
  const { code, verifier } = await signIn(browser, target, request);
  return redeem(agent, target, code, verifier);
}

/**
 * Refresh tokens for the rotation scenario, each to be used once. Cheap to make: each of a few
 * browsers logs in once (one password check, one consent), then sends authorization requests in
 * its session, which answer with a code straight away; each code gives one token. Each browser's
 * tokens share its grant, so a failure in one family cannot revoke the others.
 */
export class RefreshTokenPool {
  readonly #tokens: string[] = [];
  readonly #browsers: Browser[];
  readonly #request: AuthorizationRequest;

  constructor(
    readonly agent: Agent,
    readonly target: Target,
    concurrency: number,
  ) {
    const origin = new URL(target.url).origin;
    this.#browsers = Array.from({ length: concurrency }, () => new Browser(origin, agent));
    this.#request = API_LOGIN(target);
  }

  get size(): number {
    return this.#tokens.length;
  }

  /** Mints until at least `count` unused tokens are ready. */
  async fill(count: number): Promise<void> {
    await Promise.all(
      this.#browsers.map(async (browser) => {
        while (this.#tokens.length < count) {
          const { code, verifier } = await signIn(browser, this.target, this.#request);
          const { refresh_token } = await redeem(this.agent, this.target, code, verifier);
          if (!refresh_token) throw new Error(`${this.target.side}: the code exchange gave no refresh token`);
          this.#tokens.push(refresh_token);
        }
      }),
    );
  }

  /** The next unused token, never the same one twice; undefined when none is left. */
  take(): string | undefined {
    return this.#tokens.pop();
  }
}
