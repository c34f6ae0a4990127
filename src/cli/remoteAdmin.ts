// The admin operations of a running server, through its admin API (`ostiary --server URL ...`), as
// the client OSTIARY_CLIENT_ID / OSTIARY_CLIENT_SECRET: no store credentials and no OSTIARY_SECRET
// on this machine, and the server applies its own settings (a key rotation takes the server's
// KEY_PROPAGATION). Each call gets an access token for the admin API with exactly the scope the
// operation needs (client_credentials, RFC 8707 resource `${issuer}/admin`), kept for the command.
// A problem the API answers becomes the same Problem the local path throws, so the command reports
// it alike; what only a remote call can meet (no answer, refused credentials) names what to fix.
import { randomUUID } from 'node:crypto';
import type { AdminCall, AdminRoute } from '../admin/AdminRoute.js';
import { ADMIN_PREFIX, adminResourceId } from '../admin/adminResource.js';
import { isProblemKind, PROBLEM_TYPE_BASE, Problem } from '../admin/Problem.js';
import { ServerError, UsageError } from './errors.js';

export interface RemoteOptions {
  /** The server's URL as given: its ISSUER, or any address of it. */
  readonly server: string;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly fetch?: typeof fetch;
  /** How long one HTTP exchange may take (default 30 s). */
  readonly timeoutMs?: number;
}

interface Discovery {
  readonly issuer: string;
  readonly token_endpoint: string;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;
const ID_FLAG = 'OSTIARY_CLIENT_ID';

/** The server's base URL without a trailing slash; only https leaves this machine. */
function baseUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(
      '--server',
      `${server} is not a URL; give the server's ISSUER, such as https://id.example.com`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    throw new UsageError(
      '--server',
      `${server}: use https (plain http only to this machine), the client secret and tokens must not travel in clear`,
    );
  if (url.search || url.hash || url.username)
    throw new UsageError('--server', `${server}: give no query, fragment or user`);
  return url.href.replace(/\/+$/, '');
}

function pathOf(route: AdminRoute, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return route.path.replaceAll(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(String(values[name] ?? '')));
}

function queryOf(query: unknown): string {
  const entries = Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== undefined);
  return entries.length
    ? `?${new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)]))}`
    : '';
}

/** RFC 6749 2.3.1: the id and secret are form-encoded before Basic encoding. */
function basic(clientId: string, clientSecret: string): string {
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${form(clientId)}:${form(clientSecret)}`).toString('base64')}`;
}

async function jsonOf(response: Response): Promise<Record<string, unknown> | undefined> {
  const body = await response.text();
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function problemOf(status: number, body: Record<string, unknown> | undefined): Problem | undefined {
  const type = typeof body?.type === 'string' ? body.type : '';
  const kind = type.startsWith(PROBLEM_TYPE_BASE) ? type.slice(PROBLEM_TYPE_BASE.length) : '';
  if (!isProblemKind(kind)) return undefined;
  const detail = typeof body?.detail === 'string' ? body.detail : `status ${status}`;
  const errors = Array.isArray(body?.errors)
    ? body.errors.filter(
        (each): each is { field: string; message: string } =>
          typeof each?.field === 'string' && typeof each?.message === 'string',
      )
    : [];
  return new Problem(kind, detail, errors);
}

export function remoteAdmin(options: RemoteOptions): AdminCall {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let discovery: Promise<Discovery> | undefined;
  const tokens = new Map<string, Promise<string>>();

  async function exchange(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new ServerError(`could not reach ${url}: ${why}`);
    }
  }

  async function discover(base: string): Promise<Discovery> {
    const url = `${base}/.well-known/openid-configuration`;
    const response = await exchange(url, { headers: { accept: 'application/json' } });
    const body = response.ok ? await jsonOf(response) : undefined;
    if (typeof body?.issuer !== 'string' || typeof body.token_endpoint !== 'string')
      throw new UsageError(
        '--server',
        `${base} is not an Ostiary server: ${url} answered ${response.status} without an issuer`,
      );
    return { issuer: body.issuer, token_endpoint: body.token_endpoint };
  }

  async function token(base: string, scope: string): Promise<string> {
    const { clientId, clientSecret } = options;
    if (!clientId || !clientSecret)
      throw new UsageError(
        ID_FLAG,
        'set OSTIARY_CLIENT_ID and OSTIARY_CLIENT_SECRET to a client of the admin API ' +
          '(ostiary client add --name ops --grant client_credentials --resource ISSUER/admin --scope "admin:read admin:write")',
      );
    discovery ??= discover(base);
    const { issuer, token_endpoint } = await discovery;
    const audience = adminResourceId(issuer);
    const response = await exchange(token_endpoint, {
      method: 'POST',
      headers: { authorization: basic(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource: audience }),
    });
    const body = await jsonOf(response);
    if (response.ok && typeof body?.access_token === 'string') return body.access_token;
    const error = String(body?.error ?? `status ${response.status}`);
    const description = typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
    if (error === 'invalid_client')
      throw new UsageError(
        ID_FLAG,
        `the server refused the credentials of client ${clientId} (invalid_client${description})`,
      );
    if (['invalid_scope', 'invalid_target', 'unauthorized_client'].includes(error))
      throw new UsageError(
        ID_FLAG,
        `client ${clientId} may not get a token for ${audience} with scope ${scope} (${error}${description}); ` +
          `ostiary client update ${clientId} --resource ${audience} --scope "admin:read admin:write" allows it`,
      );
    throw new ServerError(`${token_endpoint} refused a token (${error}${description})`);
  }

  return async (route, input = {}) => {
    const base = baseUrl(options.server);
    let access = tokens.get(route.scope);
    if (!access) {
      access = token(base, route.scope);
      tokens.set(route.scope, access);
    }
    const url = `${base}${ADMIN_PREFIX}${pathOf(route, input.params)}${queryOf(input.query)}`;
    const requestId = randomUUID();
    const response = await exchange(url, {
      method: route.method.toUpperCase(),
      headers: {
        authorization: `Bearer ${await access}`,
        accept: 'application/json',
        'x-request-id': requestId,
        ...(route.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(route.body ? { body: JSON.stringify(input.body ?? {}) } : {}),
    });
    if (response.status === 204) return undefined as never;
    const body = await jsonOf(response);
    if (response.ok && body) return body as never;
    const problem = problemOf(response.status, body);
    if (problem?.kind === 'unauthorized' || problem?.kind === 'forbidden')
      throw new UsageError(ID_FLAG, `the server refused client ${options.clientId}: ${problem.detail}`);
    if (problem) throw problem;
    throw new ServerError(`${route.method.toUpperCase()} ${url} answered ${response.status} (request id ${requestId})`);
  };
}
