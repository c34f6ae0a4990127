// How long each artifact lives, in seconds. Access tokens are short because a JWT cannot be
// recalled once issued; refresh tokens slide with use but stop at an absolute cap counted from
// the login, so a stolen token cannot be kept alive forever by rotating it.
import Provider, { errors, type KoaContextWithOIDC, type TTLFunction } from 'oidc-provider';
import type { TokenLifetimes } from '../config/AppConfig.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Seconds left before `start + max`, capped at `idle`, and at least 1 so the store accepts it. */
export const slidingTtl = (start: number | undefined, idle: number, max: number) =>
  Math.max(1, Math.min(idle, (start ?? nowSeconds()) + max - nowSeconds()));

type Model<K extends 'AccessToken' | 'ClientCredentials' | 'RefreshToken' | 'Session'> = InstanceType<Provider[K]>;

const DEVICE_CODE_SECONDS = 10 * 60;
const REGISTRATION_ACCESS_TOKEN_SECONDS = 10 * 365 * 86_400;

export function ttlPolicy(ttl: TokenLifetimes) {
  const accessToken = (token: Model<'AccessToken'> | Model<'ClientCredentials'>) =>
    token.resourceServer?.accessTokenTTL ?? ttl.accessToken;
  return {
    AccessToken: ((_ctx, token) => accessToken(token)) as TTLFunction<Model<'AccessToken'>>,
    // A service token is always a JWT for one API. oidc-provider would otherwise mint an opaque
    // token nobody can use; its lifetime is asked for just before it is saved, so refuse there.
    ClientCredentials: ((_ctx, token) => {
      if (!token.resourceServer) {
        throw new errors.InvalidTarget(
          'client_credentials needs a resource: send resource=<API identifier> or register the client with a default resource',
        );
      }
      return accessToken(token);
    }) as TTLFunction<Model<'ClientCredentials'>>,
    AuthorizationCode: ttl.authorizationCode,
    IdToken: ttl.idToken,
    // RFC 9700 4.14.2: rotation renews the idle window; authTime (the login) bounds it.
    RefreshToken: ((_ctx, token) =>
      slidingTtl(token.authTime ?? token.iiat, ttl.refreshTokenIdle, ttl.refreshTokenMax)) as TTLFunction<
      Model<'RefreshToken'>
    >,
    // The grant must outlive every refresh token issued under it.
    Grant: ttl.refreshTokenMax,
    // Sliding session: renewed whenever the session is saved, never past sessionMax after login.
    Session: (_ctx: KoaContextWithOIDC, session: Model<'Session'>) =>
      slidingTtl(session.loginTs, ttl.sessionIdle, ttl.sessionMax),
    Interaction: ttl.interaction,
    // A device code lives as long as a person may take to find a browser and sign in (RFC 8628).
    DeviceCode: DEVICE_CODE_SECONDS,
    // A registration access token (RFC 7592) should not expire while its client is registered; the
    // store wants an end, so it is ten years away, and each change replaces the token anyway.
    RegistrationAccessToken: REGISTRATION_ACCESS_TOKEN_SECONDS,
  };
}
