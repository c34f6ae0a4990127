// What an operator decides about a client. The rest of its metadata (response types, the secret,
// the auth method's default) follows from it (clientMetadata.ts), and it can be read back from the
// metadata (settingsOf), so a change is a new set of settings checked by the same rules.

/** The device authorization grant (RFC 8628): TVs and command lines. */
export const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials', DEVICE_CODE] as const;
export const DEFAULT_GRANTS = ['authorization_code', 'refresh_token'] as const;
/** The OpenID scopes Ostiary knows (createProvider's `scopes`); every other scope is an API's. */
export const OIDC_SCOPES = ['openid', 'email', 'profile', 'roles', 'groups', 'offline_access'] as const;

export type SecretMethod = 'client_secret_basic' | 'client_secret_post';
/** How a confidential client authenticates: with its secret, or with its key (RFC 7523). */
export type AuthMethod = SecretMethod | 'private_key_jwt';
export type IdTokenAlg = 'RS256' | 'ES256' | 'EdDSA';
/** How ID tokens (and userinfo) are encrypted to the client's key: RSA-OAEP-256 (RSA) or ECDH-ES (EC). */
export type EncryptionAlg = 'RSA-OAEP-256' | 'ECDH-ES';
export const ENCRYPTION_ALGS: readonly EncryptionAlg[] = ['RSA-OAEP-256', 'ECDH-ES'];

export interface ClientSettings {
  readonly name: string;
  readonly grants: readonly string[];
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly corsOrigins: readonly string[];
  /**
   * The OpenID scopes and API scopes it may request. Undefined: every OpenID scope for a client
   * that signs people in (none for a service), and every scope of its APIs. An API none of whose
   * scopes is listed keeps all of them.
   */
  readonly scope: readonly string[] | undefined;
  /** The APIs it may get tokens for; the first is the default when a request names none. */
  readonly resources: readonly string[];
  readonly public: boolean;
  readonly firstParty: boolean;
  /** Its users must have signed in with two factors (password and code) before it gets a code. */
  readonly requireMfa: boolean;
  /** Its authorization requests must come pushed first (PAR, RFC 9126). */
  readonly requirePar: boolean;
  /** Its access tokens must be sender-constrained with DPoP (RFC 9449). */
  readonly dpop?: boolean | undefined;
  readonly native: boolean;
  readonly authMethod: AuthMethod | undefined;
  /** Its public keys (private_key_jwt): a JWK Set, or where it publishes one. */
  readonly jwks?: { readonly keys: readonly Record<string, unknown>[] } | undefined;
  readonly jwksUri?: string | undefined;
  /** Encrypt ID tokens and userinfo to its key (nested: signed, then encrypted; content A256GCM). */
  readonly idTokenEncryption?: EncryptionAlg | undefined;
  readonly idTokenAlg: IdTokenAlg | undefined;
  /** Where it is told that a person signed out (OpenID Connect Back-Channel Logout 1.0). */
  readonly backchannelLogoutUri?: string | undefined;
  /** Its logout tokens must name the session (`sid`), not only the person. */
  readonly backchannelLogoutSessionRequired?: boolean | undefined;
}

/** What `client update` may change. */
export type ClientChanges = Partial<
  Pick<
    ClientSettings,
    | 'name'
    | 'redirectUris'
    | 'postLogoutRedirectUris'
    | 'corsOrigins'
    | 'scope'
    | 'resources'
    | 'requireMfa'
    | 'requirePar'
    | 'dpop'
    | 'backchannelLogoutUri'
    | 'backchannelLogoutSessionRequired'
    | 'jwks'
    | 'jwksUri'
    | 'idTokenEncryption'
    | 'idTokenAlg'
  >
>;
