// A relying party built on openid-client: discovers the provider, then signs a user in through
// the real pages with a UserAgent (authorize with PKCE, state and nonce; log in; consent) and
// hands back the callback URL for the code exchange.
import * as oidc from 'openid-client';
import type { RegisteredClient } from './admin.js';
import { isPage, type Page, UserAgent } from './UserAgent.js';

export async function relyingParty(issuer: string, client: RegisteredClient): Promise<oidc.Configuration> {
  const auth = client.client_secret
    ? client.token_endpoint_auth_method === 'client_secret_post'
      ? oidc.ClientSecretPost(client.client_secret)
      : oidc.ClientSecretBasic(client.client_secret)
    : oidc.None();
  return oidc.discovery(new URL(issuer), client.client_id, undefined, auth, {
    execute: [oidc.allowInsecureRequests],
  });
}

export interface SignInOptions {
  readonly redirectUri: string;
  readonly email?: string;
  readonly password?: string;
  readonly scope?: string;
  readonly resource?: string;
  readonly consent?: 'allow' | 'deny';
  readonly agent?: UserAgent;
  readonly extra?: Record<string, string>;
  /** The code to give at the second step, for an account with an authenticator app. */
  readonly secondFactor?: () => string;
  /** Push the request first (PAR, RFC 9126) and open the authorization endpoint with its request_uri. */
  readonly par?: boolean;
}

export interface SignedIn {
  readonly callback: URL;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly agent: UserAgent;
}

export async function signIn(config: oidc.Configuration, options: SignInOptions): Promise<SignedIn> {
  const issuer = config.serverMetadata().issuer;
  const agent = options.agent ?? new UserAgent(new URL(issuer).origin);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const build = options.par ? oidc.buildAuthorizationUrlWithPAR : oidc.buildAuthorizationUrl;
  const url = await build(config, {
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(options.resource ? { resource: options.resource } : {}),
    ...options.extra,
  });
  let step = await agent.navigate(url.href);
  if (isPage(step) && step.html.includes('/login"')) {
    step = await agent.submit(step, '/login', {
      email: options.email ?? 'ada@example.com',
      password: options.password ?? 'correct horse battery',
    });
  }
  if (isPage(step) && step.html.includes('/second-factor"') && options.secondFactor) {
    step = await agent.submit(step, '/second-factor', { code: options.secondFactor() });
  }
  if (isPage(step) && step.html.includes('/confirm"')) {
    step = await agent.submit(step, options.consent === 'deny' ? '/abort' : '/confirm');
  }
  if (isPage(step)) throw new Error(`sign-in stopped on a page (${step.status}): ${excerpt(step)}`);
  return { callback: new URL(step.redirect), verifier, state, nonce, agent };
}

export async function exchange(config: oidc.Configuration, signedIn: SignedIn) {
  return oidc.authorizationCodeGrant(config, signedIn.callback, {
    pkceCodeVerifier: signedIn.verifier,
    expectedState: signedIn.state,
    expectedNonce: signedIn.nonce,
  });
}

const excerpt = (page: Page) =>
  page.html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 300);

/**
 * An authorization request (scope openid, a throwaway PKCE challenge) for a browser to follow, when
 * the test looks at where it leads rather than at the code.
 */
export async function authorizationUrl(
  config: oidc.Configuration,
  redirectUri: string,
  extra: Record<string, string> = {},
): Promise<string> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    ...extra,
  }).href;
}

/** Starts an authorization request in a fresh UserAgent and returns the login page it shows. */
export async function openLoginPage(config: oidc.Configuration, params: Record<string, string> = {}) {
  const issuer = config.serverMetadata().issuer;
  const agent = new UserAgent(new URL(issuer).origin);
  const url = oidc.buildAuthorizationUrl(config, {
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    ...params,
  });
  const page = await agent.navigate(url.href);
  if (!isPage(page)) throw new Error(`expected the login page, got a redirect to ${page.redirect}`);
  return { agent, page };
}
