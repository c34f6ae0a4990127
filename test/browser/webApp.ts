// The confidential web app's side of a browser test: it builds an authorization request with
// PKCE, state and nonce (openid-client, in Node), and later redeems whatever code Chromium carried
// back to its redirect URI. The app's site itself is a stub (stubOrigin) inside the browser.
import * as oidc from 'openid-client';
import type { RegisteredClient } from '../helpers/admin.js';
import { relyingParty } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World } from '../helpers/world.js';

export const WEB_ORIGIN = new URL(WEB_REDIRECT).origin;

export interface WebAppRequest {
  /** The authorization URL to open in the browser. */
  readonly url: string;
  readonly state: string;
  /** Redeems the code in the callback URL the browser landed on (checks iss, state, nonce, PKCE). */
  redeem(callback: string): ReturnType<typeof oidc.authorizationCodeGrant>;
}

export async function webAppRequest(
  w: World,
  scope = 'openid email profile',
  client: RegisteredClient = w.web,
  redirectUri = WEB_REDIRECT,
): Promise<WebAppRequest> {
  const rp = await relyingParty(w.op.url, client);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return {
    url: url.href,
    state,
    redeem: (callback) =>
      oidc.authorizationCodeGrant(rp, new URL(callback), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      }),
  };
}

/** True for the web app's redirect URI with any query, for page.waitForURL. */
export const atWebCallback = (url: URL) => url.origin + url.pathname === WEB_REDIRECT;
