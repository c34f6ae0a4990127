// The baseline's oidc-provider configuration: the same features, clients, API, algorithms and
// lifetimes as Ostiary, written the plain way: static clients in the configuration, keys made at
// startup, a fixed user, no CSRF, no security headers, no issuer pinning.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type Configuration, errors } from 'oidc-provider';
import type { BenchFixtures } from './fixtures.js';

export const ACCOUNT_ID = 'baseline-user';

/** A private JWK with its kid, alg and use, as oidc-provider's `jwks` wants it. */
function signingJwk(alg: 'RS256' | 'ES256') {
  const { privateKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }) // what Ostiary generates for ID tokens
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: `baseline-${alg}`, alg, use: 'sig' };
}

export function configuration(fixtures: BenchFixtures, adapter: Configuration['adapter']): Configuration {
  const { api, service, web, user } = fixtures;
  return {
    adapter,
    clients: [
      {
        client_id: service.client_id,
        client_secret: service.client_secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: web.client_id,
        client_secret: web.client_secret,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [web.redirect_uri],
        scope: 'openid email profile offline_access',
      },
    ],
    jwks: { keys: [signingJwk('RS256'), signingJwk('ES256')] } as Configuration['jwks'],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: async (_ctx, sub) =>
      sub === ACCOUNT_ID
        ? {
            accountId: sub,
            claims: () => ({ sub, email: user.email, email_verified: true, name: user.name }),
          }
        : undefined,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    ttl: {
      AccessToken: 15 * 60,
      ClientCredentials: 15 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      RefreshToken: 5 * 24 * 60 * 60,
      Grant: 30 * 24 * 60 * 60,
      Session: 24 * 60 * 60,
      Interaction: 30 * 60,
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    expiresWithSession: async () => false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        defaultResource: (_ctx, client, oneOf) =>
          oneOf?.[0] ?? (client.clientId === service.client_id ? api.id : undefined),
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== api.id) throw new errors.InvalidTarget();
          return {
            scope: api.scope,
            audience: api.id,
            accessTokenTTL: 15 * 60,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  };
}
