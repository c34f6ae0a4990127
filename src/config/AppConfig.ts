// The validated, frozen configuration every module receives. Durations are in seconds.

export interface TokenLifetimes {
  /** Access tokens (JWT or opaque) unless a resource sets its own. */
  readonly accessToken: number;
  readonly authorizationCode: number;
  readonly idToken: number;
  /** A refresh token dies after this much idleness; every rotation renews it... */
  readonly refreshTokenIdle: number;
  /** ...but never beyond this long after the login that started the grant. */
  readonly refreshTokenMax: number;
  /** A browser session slides by this much on each use... */
  readonly sessionIdle: number;
  /** ...up to this long after login. */
  readonly sessionMax: number;
  readonly interaction: number;
}

export interface KeyPolicy {
  /**
   * How long a new key is published before it signs: resource servers must have refetched the
   * JWKS by then. /jwks is cacheable for half of it.
   */
  readonly propagation: number;
  /** Rotate automatically when the current key is this old; undefined rotates by hand only. */
  readonly rotationInterval: number | undefined;
}

/**
 * How guessing is slowed down: sign-ins per account (email) and per client address, and client
 * authentication per client_id. Durations in seconds.
 */
export interface ThrottlePolicy {
  /** Attempts within the window before an account (or a client_id) locks. */
  readonly failureLimit: number;
  /** An account's count is forgotten this long after its last attempt (or after its lock ends). */
  readonly failureWindow: number;
  /** Locks double from 1 s up to this. */
  readonly maxBackoff: number;
  /** Sign-in attempts, and new sign-ins (interactions), per client address and minute. */
  readonly perAddressPerMinute: number;
}

export interface AppConfig {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** The issuer; every advertised URL is built from it, never from request headers. */
  readonly issuer: URL;
  /** The issuer identifier as tokens carry it: the origin and the path, no trailing slash. */
  readonly issuerId: string;
  /** The path every route is served under: '' at the root of the host, else such as '/id'. */
  readonly basePath: string;
  readonly trustProxy: boolean;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly ttl: TokenLifetimes;
  /** Logout normally revokes every refresh token of the session; this keeps offline_access ones. */
  readonly logoutKeepsOfflineAccess: boolean;
  /**
   * Seconds during which a just-rotated refresh token, presented again by its client, gets a fresh
   * token pair of the same grant instead of revoking the family. 0: strict (RFC 9700 4.14.2).
   */
  readonly refreshTokenReuseInterval: number;
  readonly throttle: ThrottlePolicy;
  readonly keys: KeyPolicy;
  /** Worker processes sharing the port (node:cluster); 1 runs in the main process. */
  readonly workers: number;
  /** Where GET /metrics listens (METRICS_PORT on METRICS_HOST); undefined: no metrics. */
  readonly metrics: { readonly port: number; readonly host: string } | undefined;
  /** The file audit events are appended to (AUDIT_LOG); undefined: stdout, beside the log. */
  readonly auditLog: string | undefined;
  /** Seconds requests in flight may take to finish after SIGTERM before the process exits anyway. */
  readonly shutdownGrace: number;
  /**
   * Master secrets (OSTIARY_SECRET) that seal private keys, cookie secrets and client secrets in
   * the store: the first seals, every one opens. Undefined only in development, where a generated
   * secret in DATA_DIR takes their place (src/secrets/masterSecrets.ts).
   */
  readonly secrets: readonly string[] | undefined;
  readonly mail: MailSettings;
  readonly brand: Brand;
  /** SIGNUP: people may create their own account from the login page. */
  readonly signup: boolean;
  /** REQUIRE_PAR: every authorization request must be pushed first (RFC 9126). */
  readonly requirePar: boolean;
  /** REGISTRATION: dynamic client registration (RFC 7591/7592) with initial access tokens. */
  readonly registration: boolean;
}

/** The operator's look on every page (BRAND_NAME, BRAND_LOGO, BRAND_COLOR). */
export interface Brand {
  readonly name: string;
  /** The logo file's bytes, read at startup, served from our own origin. */
  readonly logo: { readonly body: Buffer; readonly type: string; readonly ext: string } | undefined;
  /** The accent colour (#rgb or #rrggbb) of buttons, links and focus rings. */
  readonly color: string | undefined;
}

/** How mail (password reset and email verification links) leaves. */
export interface MailSettings {
  /** SMTP_URL; undefined: in development the links are logged, in production no mail is sent. */
  readonly smtpUrl: string | undefined;
  /** The From address. */
  readonly from: string;
}
