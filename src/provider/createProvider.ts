// Builds the oidc-provider instance from validated config, the store and a keystore snapshot.
// Pure construction: a later key rotation builds a new instance from a new snapshot and swaps it.
// Every choice here is a default a careful operator would make; each says why.
import Provider, { type Configuration } from 'oidc-provider';
import { accountClient } from '../account/accountClient.js';
import { ACR_VALUES } from '../accounts/authentication.js';
import { rememberedConsents } from '../accounts/rememberedConsents.js';
import type { SessionActivity } from '../accounts/sessionActivity.js';
import type { Audit } from '../audit/Audit.js';
import { OIDC_SCOPES } from '../clients/ClientSettings.js';
import type { AppConfig } from '../config/AppConfig.js';
import { loadCatalogs } from '../i18n/loadCatalogs.js';
import { providerJwks } from '../keys/providerJwks.js';
import type { SigningKeySet } from '../keys/SigningKeyRecord.js';
import type { SignedOut } from '../logout/EndedAccess.js';
import type { Store } from '../store/Store.js';
import type { ClientAuthThrottle } from '../throttle/clientAuthThrottle.js';
import type { InteractionThrottle } from '../throttle/interactionThrottle.js';
import type { UserCodeThrottle } from '../throttle/userCodeThrottle.js';
import { activeAccount } from './activeAccount.js';
import { allowFormPost } from './allowFormPost.js';
import { claimsWithinScopes } from './claimsWithinScopes.js';
import { CLIENT_AUTH_METHODS, limitAssertionLifetime } from './clientAssertions.js';
import { clientExtras, clientPolicy } from './clientPolicy.js';
import { createAdapter } from './createAdapter.js';
import { deferredRotation } from './deferredRotation.js';
import { dpopNonceSecret } from './dpopNonceSecret.js';
import { findAccount } from './findAccount.js';
import { holdClientAuthentication } from './holdClientAuthentication.js';
import { grantClaim, jwtAccessTokens } from './jwtAccessTokens.js';
import { keepProviderContext } from './keepProviderContext.js';
import { limitSignIns } from './limitSignIns.js';
import { limitUserCodes } from './limitUserCodes.js';
import { loadGrantWithConsent } from './loadGrantWithConsent.js';
import { ADDED_CONSENT_PARAM, offlineAccessConsent } from './offlineAccessConsent.js';
import type { ProviderPages } from './providerPages.js';
import { ROUTES } from './providerRoutes.js';
import { recordSessionActivity } from './recordSessionActivity.js';
import { registrationPolicy } from './registrationPolicy.js';
import { resourceIndicators } from './resourceIndicators.js';
import { resourceTokenClaims } from './resourceTokenClaims.js';
import { retryAfterWhenUnavailable } from './retryAfterWhenUnavailable.js';
import { reuseClients } from './reuseClients.js';
import { revokeOnLogout } from './revokeOnLogout.js';
import { SCOPE_CLAIMS } from './scopeClaims.js';
import { signInPolicy } from './signInPolicy.js';
import { slowDevicePolling } from './slowDevicePolling.js';
import { tokenPolicies } from './tokenPolicies.js';
import { ttlPolicy } from './ttlPolicy.js';
import { typedTokenIds } from './typedTokenIds.js';

/** oidc-provider's experimental features need the draft version they were written against. */
const EXTERNAL_SIGNING_ACK = 'experimental-01';

export interface ProviderThrottles {
  readonly interactions: InteractionThrottle;
  readonly userCodes: UserCodeThrottle;
  readonly clientAuth: ClientAuthThrottle;
}

export interface ProviderDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly signingKeys: SigningKeySet;
  readonly cookieKeys: readonly string[];
  readonly pages: ProviderPages;
  readonly throttles: ProviderThrottles;
  /** Epoch milliseconds (the refresh token reuse interval is measured with it). */
  readonly clock: () => number;
  readonly audit: Audit;
  /** When each session was last used, and from which browser (the account page shows it). */
  readonly activity: SessionActivity;
  /** Tells the apps a logout signed the person out of (back-channel logout). */
  readonly signedOut: SignedOut;
  /** How the provider calls out; undefined: oidc-provider's fetch with its SSRF protection. */
  readonly outboundFetch?: typeof fetch | undefined;
}

export function createProvider(deps: ProviderDeps): Provider {
  const { config, store, signingKeys, cookieKeys, pages, throttles, clock, audit, activity } = deps;
  const secure = config.issuer.protocol === 'https:';
  // Scoped to ISSUER's path, so apps sharing the domain never receive them.
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure, signed: true, path: config.basePath || '/' };
  const rotation = deferredRotation(store.artifacts, { reuseInterval: config.refreshTokenReuseInterval, now: clock });
  const active = activeAccount(store.accounts);
  const policies = tokenPolicies(active);
  const accountTokenClaims = resourceTokenClaims(store.resources, store.accounts);
  const configuration: Configuration = {
    adapter: createAdapter(store, rotation, clock),
    clientAuthMethods: [...CLIENT_AUTH_METHODS],
    ...(deps.outboundFetch ? { fetch: deps.outboundFetch } : {}),
    assertJwtClientAuthClaimsAndHeader: limitAssertionLifetime as Configuration['assertJwtClientAuthClaimsAndHeader'],
    clients: [accountClient(config.issuerId)],
    findAccount: findAccount(active),
    jwks: providerJwks(signingKeys) as Configuration['jwks'],
    cookies: { keys: [...cookieKeys], long: cookie, short: cookie },
    // What each scope releases (scopeClaims); a client may also ask for single claims (`claims`).
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    acrValues: [...ACR_VALUES],
    // The languages of our pages (locales/); a client asks for one with ui_locales.
    discovery: { claim_types_supported: ['normal'], ui_locales_supported: [...loadCatalogs().keys()] },
    scopes: [...OIDC_SCOPES],
    // ID tokens carry the claims their scopes grant (as Keycloak, Auth0 and Google do), not only
    // `sub`: most relying parties never call userinfo. Userinfo still answers with the same claims.
    conformIdTokenClaims: false,
    // A JWT access token names its grant, so introspection and revocation can find it
    // (jwtAccessTokens): a logout or a revoked refresh token then makes it inactive at once.
    // An API registered with --claims gets the account's roles, groups or attributes in it too.
    extraTokenClaims: async (_ctx, token) => {
      const grant = grantClaim(token as never);
      const account = await accountTokenClaims(token as never);
      return grant || account ? { ...grant, ...account } : undefined;
    },
    // Consent outlives the browser session: what a person allowed a client is not asked again.
    loadExistingGrant: loadGrantWithConsent(rememberedConsents(store.artifacts)) as Configuration['loadExistingGrant'],
    extraParams: [ADDED_CONSENT_PARAM],
    responseTypes: ['code'], // no implicit, no hybrid (OAuth 2.0 Security BCP, RFC 9700 2.1.2)
    pkce: { required: () => true }, // S256 only (oidc-provider 9 knows no other), for every client
    ...clientPolicy,
    ttl: ttlPolicy(config.ttl),
    // Every client allowed the refresh_token grant gets one at login, offline_access or not...
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // ...and it rotates on every use; reuse of a rotated one revokes the grant (RFC 9700 4.14.2).
    rotateRefreshToken: true,
    // Tokens never die with the browser session's idle timeout; logout revokes them instead
    // (revokeOnLogout), so a refresh token's life is governed by its own TTL alone.
    expiresWithSession: async () => false,
    features: {
      devInteractions: { enabled: false },
      // Lets NodeSigningKey sign with node:crypto (see keys/NodeSigningKey.ts).
      externalSigningSupport: { enabled: true, ack: EXTERNAL_SIGNING_ACK },
      clientCredentials: { enabled: true },
      // The `claims` request parameter (OIDC Core 5.5), within the scopes the client may request.
      claimsParameter: {
        enabled: true,
        assertClaimsParameter: claimsWithinScopes as NonNullable<
          NonNullable<Configuration['features']>['claimsParameter']
        >['assertClaimsParameter'],
      },
      // Back-channel logout: the metadata, discovery and the sid in ID tokens of apps that require
      // it are oidc-provider's; the telling is ours (see below).
      backchannelLogout: { enabled: true },
      // DPoP (RFC 9449): sender-constrained tokens for a client that sends proofs, required of one
      // registered with --dpop. Every proof carries a server nonce (shared by every instance), and
      // its jti works once across instances (createAdapter's replay check).
      dPoP: { enabled: true, nonceSecret: dpopNonceSecret(cookieKeys), requireNonce: () => true },
      // ID tokens and userinfo encrypted to a client's key, for clients registered with one.
      encryption: { enabled: true },
      jwtUserinfo: { enabled: true },
      // A client learns about its own tokens only; JWT access tokens are verified offline.
      introspection: { enabled: true, allowedPolicy: policies.introspectionAllowed },
      revocation: { enabled: true, allowedPolicy: policies.revocationAllowed },
      userinfo: { enabled: true },
      // The device authorization grant (RFC 8628): TVs and command lines show a code, a person
      // types it at /device (throttled per address: limitUserCodes) and signs in there.
      deviceFlow: {
        enabled: true,
        charset: 'base-20',
        mask: '****-****',
        userCodeInputSource: pages.userCodeInputSource,
        userCodeConfirmSource: pages.userCodeConfirmSource,
        successSource: pages.successSource,
      },
      // PAR (RFC 9126): on for every client; required of all with REQUIRE_PAR, or of one client
      // registered with --require-par (require_pushed_authorization_requests).
      // Dynamic client registration (RFC 7591/7592), off unless REGISTRATION: an initial access
      // token from `ostiary registration-token create`, and the rules of `client add`.
      ...(config.registration
        ? {
            registration: registrationPolicy({
              store,
              issuer: config.issuerId,
              production: config.production,
              now: clock,
              change: { audit, actor: 'registration' },
            }),
            registrationManagement: { enabled: true, rotateRegistrationAccessToken: true },
          }
        : {}),
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: config.requirePar },
      resourceIndicators: resourceIndicators(store.resources, config.ttl.accessToken),
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: pages.logoutSource,
        postLogoutSuccessSource: pages.postLogoutSuccessSource,
      },
    },
    routes: ROUTES,
    interactions: {
      url: (_ctx, interaction) => `${config.basePath}/interaction/${interaction.uid}`,
      policy: signInPolicy(),
    },
    renderError: pages.renderError,
    // CORS on token, userinfo, revocation and introspection only for the client's own origins.
    clientBasedCORS: (_ctx, origin, client) => clientExtras(client).corsOrigins.includes(origin),
  };

  const provider = new Provider(config.issuerId, configuration);
  // pinIssuerHost sets Host and X-Forwarded-Proto from ISSUER on every request and drops
  // X-Forwarded-For unless TRUST_PROXY, so trusting them is trusting ISSUER: an https issuer behind
  // a TLS-terminating proxy gets https URLs and Secure cookies whatever TRUST_PROXY says. The client
  // address is the last X-Forwarded-For entry, the one our proxy wrote.
  provider.proxy = true;
  provider.maxIpsCount = 1;
  // oidc-provider's own delivery would hold the person's logout until every app answered, once, and
  // knows nothing of sign-outs made elsewhere (the account page, the admin API, the CLI). Ours
  // (revokeOnLogout, src/logout) tells the apps in the background with retries; its own is off.
  provider.Client.prototype.backchannelLogout = async () => {};
  typedTokenIds.install(provider);
  holdClientAuthentication(provider, throttles.clientAuth, clock);
  reuseClients(provider, store.clients);
  provider.use(keepProviderContext);
  provider.use(retryAfterWhenUnavailable);
  provider.use(limitSignIns(throttles.interactions, pages));
  provider.use(offlineAccessConsent);
  provider.use(limitUserCodes(throttles.userCodes, pages, config.basePath));
  provider.use(slowDevicePolling(store.limits, clock));
  provider.use(allowFormPost);
  provider.use(rotation.commitRotation);
  provider.use(recordSessionActivity(activity));
  provider.use(revokeOnLogout(store.artifacts, config.logoutKeepsOfflineAccess, audit, deps.signedOut)(provider));
  provider.use(jwtAccessTokens({ store, signingKeys, issuer: config.issuerId, active, audit }));
  return provider;
}
