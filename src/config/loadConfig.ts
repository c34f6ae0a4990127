// Reads every setting once, from the environment over an optional JSON file of the same names,
// validates it and returns a frozen AppConfig. Bad values stop startup with one ConfigError that
// names every variable at fault and the form each expects; a misspelt name in the file too.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { MASTER_SECRET_FORM, masterSecretProblem } from '../secrets/masterSecret.js';
import { redisTarget } from '../store/redis/redisTarget.js';
import type { AppConfig } from './AppConfig.js';
import { ConfigError, type ConfigProblem } from './ConfigError.js';
import { closestName } from './closestName.js';
import { parseDuration } from './parseDuration.js';

const isRedisUrl = (value: string) => {
  try {
    redisTarget(value);
    return true;
  } catch {
    return false;
  }
};

const isSmtpUrl = (value: string) => {
  try {
    return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const LOGO_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};
const MAX_LOGO_BYTES = 256 * 1024;

/** The logo file, read once, or what is wrong with it. */
function brandLogo(file: string): { readonly body: Buffer; readonly type: string; readonly ext: string } | string {
  const ext = extname(file).toLowerCase();
  const type = LOGO_TYPES[ext];
  if (!type) return `an image file: .svg, .png, .jpg or .webp (got ${file})`;
  try {
    const body = readFileSync(file);
    if (body.length > MAX_LOGO_BYTES) return `an image of at most 256 KB (${file} has ${body.length} bytes)`;
    return { body, type, ext: ext === '.jpeg' ? '.jpg' : ext };
  } catch {
    return `a readable image file (could not read ${file})`;
  }
}

export type Settings = Readonly<Record<string, string | undefined>>;

/** 5 minutes: a reuse grace period is for two tabs racing, not for keeping copied tokens useful. */
const MAX_REUSE_INTERVAL = 5 * 60;

const duration = (fallback: string, { zero = false } = {}) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const seconds = parseDuration(value, { zero });
      if (seconds === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `a duration: seconds or a number with s, m, h or d (e.g. ${zero ? '0s, ' : ''}900, 15m, 5d)`,
        });
        return z.NEVER;
      }
      return seconds;
    });

const count = (fallback: string, max: number, what: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max, `${what}: a whole number from 1 to ${max}`)
    .transform(Number);

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'true or false' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z
    .string()
    .default('3000')
    .refine((v) => /^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536, 'a TCP port from 1 to 65535')
    .transform(Number),
  HOST: z.string().min(1, 'an address to listen on, such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
  ISSUER: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false'], { message: 'true or false' }).optional(),
  DATA_DIR: z.string().min(1, 'a directory path').default('./data'),
  REDIS_URL: z
    .string()
    .refine(
      isRedisUrl,
      'a redis:// or rediss:// URL, redis+cluster://host:port,host:port or redis+sentinel://host:port/name',
    )
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - (at most 64)')
    .default('ostiary:'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  ACCESS_TOKEN_TTL: duration('15m'),
  AUTHORIZATION_CODE_TTL: duration('60s'),
  ID_TOKEN_TTL: duration('1h'),
  REFRESH_TOKEN_IDLE_TTL: duration('5d'),
  REFRESH_TOKEN_MAX_TTL: duration('30d'),
  SESSION_IDLE_TTL: duration('1d'),
  SESSION_MAX_TTL: duration('14d'),
  INTERACTION_TTL: duration('30m'),
  LOGOUT_KEEPS_OFFLINE_ACCESS: flag(false),
  REFRESH_TOKEN_REUSE_INTERVAL: duration('0s', { zero: true }),
  LOGIN_FAILURE_LIMIT: count('5', 1000, 'failed sign-ins before an account is locked'),
  LOGIN_FAILURE_WINDOW: duration('15m'),
  LOGIN_MAX_BACKOFF: duration('15m'),
  LOGIN_IP_LIMIT: count('30', 1_000_000, 'sign-in attempts and new sign-ins per client address and minute'),
  WORKERS: z
    .string()
    .default('1')
    .refine(
      (v) => v === 'auto' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 64),
      'a number of processes from 1 to 64, or auto (one per core)',
    )
    .transform((v) => (v === 'auto' ? availableParallelism() : Number(v))),
  METRICS_PORT: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536),
      'a TCP port from 1 to 65535',
    )
    .transform((v) => (v === undefined ? undefined : Number(v))),
  METRICS_HOST: z.string().min(1, 'an address to listen on, such as 127.0.0.1').default('127.0.0.1'),
  AUDIT_LOG: z.string().min(1, 'a file path').optional(),
  // The message never repeats the value: it may hold the mail server's password.
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com')
    .optional(),
  MAIL_FROM: z
    .string()
    .refine(
      (v) => /^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(v.trim()),
      'an address such as Example <id@example.com>',
    )
    .optional(),
  SHUTDOWN_GRACE: duration('10s', { zero: true }),
  SIGNUP: flag(false),
  REQUIRE_PAR: flag(false),
  REGISTRATION: flag(false),
  BRAND_NAME: z
    .string()
    .refine(
      (v) => v.trim().length > 0 && v.length <= 60 && !/[<>]/.test(v),
      'a name of 1 to 60 characters, without < or >',
    )
    .default('Ostiary'),
  BRAND_LOGO: z.string().min(1, 'a file path').optional(),
  BRAND_COLOR: z
    .string()
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour as #rgb or #rrggbb, such as #0b57d0')
    .optional(),
  KEY_PROPAGATION: duration('10m'),
  KEY_ROTATION_INTERVAL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const seconds = parseDuration(value);
      if (seconds === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a duration such as 90d (or leave it unset to rotate by hand)' });
        return z.NEVER;
      }
      return seconds;
    }),
  OSTIARY_SECRET: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const secrets = value.split(',').map((secret) => secret.trim());
      // The message says which entry is wrong and how, never what it holds.
      for (const [index, secret] of secrets.entries()) {
        const problem = masterSecretProblem(secret);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `${MASTER_SECRET_FORM}; secret ${index + 1} ${problem}` });
          return z.NEVER;
        }
      }
      return Object.freeze(secrets);
    }),
});

export type SettingName = keyof typeof schema.shape;

/** Names of every setting loadConfig understands, for the reference (settingDocs.ts) and the file reader. */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

/** The issuer's path without its trailing slash: '' at the root of the host. */
const basePathOf = (issuer: URL) => issuer.pathname.replace(/\/$/, '');

function parseIssuer(raw: string | undefined, port: number, production: boolean): URL {
  const value = raw ?? `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('ISSUER', `an absolute http(s) URL such as https://id.example.com, got "${value}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError('ISSUER', 'an http(s) URL without query, fragment or credentials');
  }
  // A path lets Ostiary share a domain (https://example.com/id): every route is served under it.
  if (!/^(?:\/[A-Za-z0-9._~-]+)*\/?$/.test(url.pathname)) {
    throw new ConfigError(
      'ISSUER',
      'a path of plain segments, such as https://example.com/id (no %, no empty segment)',
    );
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (production && url.protocol === 'http:' && !loopback) {
    throw new ConfigError('ISSUER', 'an https:// URL when NODE_ENV=production (http is only allowed on loopback)');
  }
  return url;
}

function unknownFileSettings(file: Settings, known: readonly string[]): ConfigProblem[] {
  return Object.keys(file)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const closest = closestName(name, known);
      return {
        variable: name,
        expected: `not a setting${closest ? `; did you mean ${closest}?` : ''} (in the configuration file)`,
      };
    });
}

export function loadConfig(env: Settings, file: Settings = {}): AppConfig {
  const merged = { ...file, ...env };
  const input = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, merged[name] === '' ? undefined : merged[name]]),
  );
  // Every problem is reported at once: unknown names in the file, then each setting's own form,
  // then (once every value has its form) how they fit together.
  const problems: ConfigProblem[] = unknownFileSettings(file, SETTING_NAMES);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? 'configuration');
      if (seen.has(variable)) continue;
      seen.add(variable);
      problems.push({ variable, expected: issue.message });
    }
    ConfigError.throwIfAny(problems);
    throw new Error('unreachable: the schema failed without an issue');
  }
  const s = parsed.data;
  const production = s.NODE_ENV === 'production';
  const fits = (ok: boolean, variable: string, expected: string) => {
    if (!ok) problems.push({ variable, expected });
  };
  fits(
    !(production && s.TRUST_PROXY === undefined),
    'TRUST_PROXY',
    'must be set to true or false when NODE_ENV=production (true only behind a proxy that sets X-Forwarded-Proto)',
  );
  fits(
    s.REFRESH_TOKEN_IDLE_TTL <= s.REFRESH_TOKEN_MAX_TTL,
    'REFRESH_TOKEN_IDLE_TTL',
    'a duration no longer than REFRESH_TOKEN_MAX_TTL',
  );
  fits(
    s.REFRESH_TOKEN_REUSE_INTERVAL <= MAX_REUSE_INTERVAL,
    'REFRESH_TOKEN_REUSE_INTERVAL',
    'a duration from 0s to 5m (within it a copied refresh token can still be used; keep it short)',
  );
  fits(s.SESSION_IDLE_TTL <= s.SESSION_MAX_TTL, 'SESSION_IDLE_TTL', 'a duration no longer than SESSION_MAX_TTL');
  let issuer: URL | undefined;
  try {
    issuer = parseIssuer(s.ISSUER, s.PORT, production);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  fits(
    s.METRICS_PORT === undefined || s.METRICS_PORT !== s.PORT,
    'METRICS_PORT',
    'a port other than PORT (metrics must never be served on the public port)',
  );
  fits(
    !(production && s.SIGNUP && s.SMTP_URL === undefined),
    'SIGNUP',
    'false unless SMTP_URL is set when NODE_ENV=production (a sign-up mails a link that confirms the address)',
  );
  fits(
    !(production && s.OSTIARY_SECRET === undefined),
    'OSTIARY_SECRET',
    `required when NODE_ENV=production: ${MASTER_SECRET_FORM}`,
  );
  const logo = s.BRAND_LOGO === undefined ? undefined : brandLogo(resolve(s.BRAND_LOGO));
  if (typeof logo === 'string') problems.push({ variable: 'BRAND_LOGO', expected: logo });
  ConfigError.throwIfAny(problems);
  if (!issuer) throw new Error('unreachable: the issuer failed without a problem');
  return Object.freeze({
    production,
    port: s.PORT,
    host: s.HOST,
    issuer,
    issuerId: `${issuer.origin}${basePathOf(issuer)}`,
    basePath: basePathOf(issuer),
    trustProxy: s.TRUST_PROXY === 'true',
    dataDir: resolve(s.DATA_DIR),
    redisUrl: s.REDIS_URL,
    redisPrefix: s.REDIS_PREFIX,
    logLevel: s.LOG_LEVEL,
    ttl: Object.freeze({
      accessToken: s.ACCESS_TOKEN_TTL,
      authorizationCode: s.AUTHORIZATION_CODE_TTL,
      idToken: s.ID_TOKEN_TTL,
      refreshTokenIdle: s.REFRESH_TOKEN_IDLE_TTL,
      refreshTokenMax: s.REFRESH_TOKEN_MAX_TTL,
      sessionIdle: s.SESSION_IDLE_TTL,
      sessionMax: s.SESSION_MAX_TTL,
      interaction: s.INTERACTION_TTL,
    }),
    logoutKeepsOfflineAccess: s.LOGOUT_KEEPS_OFFLINE_ACCESS,
    refreshTokenReuseInterval: s.REFRESH_TOKEN_REUSE_INTERVAL,
    throttle: Object.freeze({
      failureLimit: s.LOGIN_FAILURE_LIMIT,
      failureWindow: s.LOGIN_FAILURE_WINDOW,
      maxBackoff: s.LOGIN_MAX_BACKOFF,
      perAddressPerMinute: s.LOGIN_IP_LIMIT,
    }),
    workers: s.WORKERS,
    metrics: s.METRICS_PORT === undefined ? undefined : Object.freeze({ port: s.METRICS_PORT, host: s.METRICS_HOST }),
    auditLog: s.AUDIT_LOG === undefined ? undefined : resolve(s.AUDIT_LOG),
    mail: Object.freeze({
      smtpUrl: s.SMTP_URL,
      from: s.MAIL_FROM?.trim() ?? `${s.BRAND_NAME.trim()} <no-reply@${issuer.hostname}>`,
    }),
    signup: s.SIGNUP,
    requirePar: s.REQUIRE_PAR,
    registration: s.REGISTRATION,
    brand: Object.freeze({
      name: s.BRAND_NAME.trim(),
      logo: typeof logo === 'object' ? logo : undefined,
      color: s.BRAND_COLOR?.toLowerCase(),
    }),
    shutdownGrace: s.SHUTDOWN_GRACE,
    keys: Object.freeze({
      propagation: s.KEY_PROPAGATION,
      rotationInterval: s.KEY_ROTATION_INTERVAL,
    }),
    secrets: s.OSTIARY_SECRET,
  });
}
