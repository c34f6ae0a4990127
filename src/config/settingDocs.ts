// What each setting means and what it is when unset: the source of the configuration reference
// in the docs (scripts/docs.ts writes it; a test fails when the docs differ). Typed by the schema's
// own names, so a setting cannot be added without its line here; a test checks that every literal
// default is the one loadConfig really uses.
import type { SettingName } from './loadConfig.js';

export interface SettingDoc {
  /** The value it has when unset, as an operator would write it; setting it changes nothing. */
  readonly default?: string;
  /** When unset it has no literal value: what happens instead. */
  readonly defaultText?: string;
  /** Markdown. */
  readonly meaning: string;
}

/** In the order the reference lists them. OSTIARY_CONFIG is read before the others (main.ts). */
export const SETTING_DOCS: Readonly<Record<SettingName | 'OSTIARY_CONFIG', SettingDoc>> = {
  PORT: {
    default: '3000',
    meaning: 'TCP port to listen on',
  },
  HOST: {
    default: '0.0.0.0',
    meaning: 'address to listen on',
  },
  ISSUER: {
    defaultText: '`http://localhost:$PORT`',
    meaning:
      'the issuer identifier. Every advertised URL comes from it, never from request headers. It may carry a path (`https://example.com/id`) to share a domain: every route, discovery (`ISSUER/.well-known/openid-configuration`) and the cookies are then under it, and nothing is served outside it. With `NODE_ENV=production` it must be `https:` unless it is loopback',
  },
  TRUST_PROXY: {
    defaultText: 'unset (`false`)',
    meaning:
      '`true` when a reverse proxy you control sets `X-Forwarded-For`: the client address (for throttling and logs) is then its last entry. Nothing else depends on it: URLs, redirects and Secure cookies follow `ISSUER`. Required (true or false) when `NODE_ENV=production`',
  },
  DATA_DIR: {
    default: './data',
    meaning: 'where the embedded store (SQLite) keeps state when `REDIS_URL` is not set',
  },
  REDIS_URL: {
    defaultText: 'unset',
    meaning:
      'all state then lives in Redis. One server: `redis://[user:pass@]host:6379` (`rediss://` for TLS). A Cluster: `redis+cluster://[user:pass@]host:port,host:port` (any reachable nodes). Sentinel: `redis+sentinel://[user:pass@]host:26379,host:26379/primary-name` (`rediss+...` for TLS)',
  },
  REDIS_PREFIX: {
    default: 'ostiary:',
    meaning: 'prefix of every Redis key, so environments can share a server',
  },
  ACCESS_TOKEN_TTL: {
    default: '15m',
    meaning: 'access token lifetime (an API can set its own with `resource add --ttl`)',
  },
  AUTHORIZATION_CODE_TTL: {
    default: '60s',
    meaning: 'authorization code lifetime',
  },
  ID_TOKEN_TTL: {
    default: '1h',
    meaning: 'ID token lifetime',
  },
  REFRESH_TOKEN_IDLE_TTL: {
    default: '5d',
    meaning: 'a refresh token dies after this much idleness. Each rotation renews it',
  },
  REFRESH_TOKEN_MAX_TTL: {
    default: '30d',
    meaning: 'but never lives beyond this long after the login',
  },
  SESSION_IDLE_TTL: {
    default: '1d',
    meaning: 'a browser session slides by this much on each use',
  },
  SESSION_MAX_TTL: {
    default: '14d',
    meaning: 'up to this long after login',
  },
  INTERACTION_TTL: {
    default: '30m',
    meaning: 'how long a login or consent page stays valid',
  },
  LOGOUT_KEEPS_OFFLINE_ACCESS: {
    default: 'false',
    meaning: '`true` keeps `offline_access` refresh tokens alive across logout',
  },
  REFRESH_TOKEN_REUSE_INTERVAL: {
    default: '0s',
    meaning:
      'strict (`0s`): a refresh token used a second time revokes its family (requests sent within 2 s of each other count as a race: the later gets `invalid_grant`, nothing is revoked). Set it (at most `5m`) and a refresh token presented again by its client within that time gets a fresh token pair of the same grant instead, for clients that lose responses',
  },
  LOGIN_FAILURE_LIMIT: {
    default: '5',
    meaning:
      'failed sign-ins of one email (known or not), and failed authentications of one client_id, before it is locked',
  },
  LOGIN_FAILURE_WINDOW: {
    default: '15m',
    meaning: 'the count is forgotten this long after the last failure (or after the lock ends)',
  },
  LOGIN_MAX_BACKOFF: {
    default: '15m',
    meaning: 'each further failure locks for twice as long as the one before, from 1 s up to this',
  },
  LOGIN_IP_LIMIT: {
    default: '30',
    meaning:
      'sign-in attempts, and new sign-ins (`/auth` requests that show a page), per client address and minute (an IPv6 address counts by its /64). An address may also have at most a fifteenth of it (and at least 2) passwords being checked at once. Raise it for a gateway that many people share',
  },
  OSTIARY_SECRET: {
    defaultText: 'unset; development generates `DATA_DIR/ostiary.secret`',
    meaning:
      'the master secrets that seal private keys, cookie secrets and client secrets in the store: comma-separated, each at least 43 characters of base64url, base64 or hex (`openssl rand -base64 32`). The first seals, all unseal. Required when `NODE_ENV=production`',
  },
  KEY_PROPAGATION: {
    default: '10m',
    meaning: 'how long a new signing key is published before it signs. `/jwks` is cacheable for half of it',
  },
  KEY_ROTATION_INTERVAL: {
    defaultText: 'unset',
    meaning: 'rotate signing keys and the cookie secret on a schedule, e.g. `90d`; unset means by hand only',
  },
  WORKERS: {
    default: '1',
    meaning: 'worker processes sharing the port (node:cluster); `auto` starts one per core',
  },
  LOG_LEVEL: {
    default: 'info',
    meaning:
      '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Logs never contain query strings, bodies or secrets',
  },
  METRICS_PORT: {
    defaultText: 'unset (off)',
    meaning:
      'serve `GET /metrics` (Prometheus) on this port, never on `PORT`. With `WORKERS`, one scrape adds up every worker',
  },
  METRICS_HOST: {
    default: '127.0.0.1',
    meaning: 'the address the metrics port listens on',
  },
  AUDIT_LOG: {
    defaultText: 'unset (stdout)',
    meaning: 'append audit events to this file (created 0600) instead of writing them to stdout beside the log',
  },
  SMTP_URL: {
    defaultText: 'unset: no mail',
    meaning:
      'the mail server for password reset and email verification links, as `smtps://user:password@host` (or `smtp://`, which upgrades with STARTTLS when the server offers it). Unset in development, each link is written to the log instead; unset in production, "Forgot password?" is not offered and `user add --send-verification` is refused',
  },
  MAIL_FROM: {
    defaultText: '`BRAND_NAME <no-reply@` the ISSUER host `>`',
    meaning: 'the From address of that mail',
  },
  REQUIRE_PAR: {
    default: 'false',
    meaning:
      'every client must push its authorization requests first (PAR, RFC 9126) and send only the request_uri to /auth; `client add --require-par` asks it of one client',
  },
  REGISTRATION: {
    default: 'false',
    meaning:
      'dynamic client registration (RFC 7591, with RFC 7592 management) at `/reg`; each registration needs an initial access token from `ostiary registration-token create`, and a registered client gets the same rules as `client add`',
  },
  SIGNUP: {
    default: 'false',
    meaning:
      'people may create their own account from the login page ("Create an account"); the address is confirmed by a mailed link, and in production this needs SMTP_URL',
  },
  BRAND_NAME: {
    default: 'Ostiary',
    meaning: 'the name every page, mail and authenticator app shows',
  },
  BRAND_LOGO: {
    defaultText: 'unset: the name in text',
    meaning:
      'an image file (.svg, .png, .jpg or .webp, at most 256 KB) shown on every page instead of the name, served from our own origin',
  },
  BRAND_COLOR: {
    defaultText: 'unset: blue',
    meaning:
      'the accent colour of buttons, links and focus rings, as `#rrggbb`; the text on buttons turns dark or light to stay readable',
  },
  SHUTDOWN_GRACE: {
    default: '10s',
    meaning: 'after SIGTERM, how long requests in flight may take before their connections are cut',
  },
  NODE_ENV: {
    default: 'development',
    meaning: '`production` turns on the production checks above',
  },
  OSTIARY_CONFIG: {
    default: 'config/ostiary.json',
    meaning: 'the optional configuration file',
  },
};
