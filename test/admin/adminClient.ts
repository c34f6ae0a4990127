// An operator's view of the admin API in tests: a client_credentials client for `${ISSUER}/admin`
// with the scopes asked for, its token from the real token endpoint (openid-client), and a
// fetch-based caller that sends it.
import * as oidc from 'openid-client';
import { adminResourceId } from '../../src/admin/adminResource.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { relyingParty } from '../helpers/relyingParty.js';
import type { RunningOstiary } from '../helpers/startOstiary.js';

export interface AdminCall {
  readonly status: number;
  readonly type: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answer's members and checks them itself
  readonly body: any;
  readonly headers: Headers;
}

export interface AdminCaller {
  readonly client: RegisteredClient;
  readonly token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<AdminCall>;
}

export async function callAdmin(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<AdminCall> {
  const response = await fetch(`${url}/admin/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

export async function adminCaller(op: RunningOstiary, scope: string): Promise<AdminCaller> {
  const resource = adminResourceId(op.config.issuerId);
  const client = await admin<RegisteredClient>(
    op.store,
    'client',
    'add',
    '--name',
    `ops ${scope}`,
    '--grant',
    'client_credentials',
    '--resource',
    resource,
    '--scope',
    scope,
  );
  const tokens = await oidc.clientCredentialsGrant(await relyingParty(op.url, client), { resource, scope });
  return {
    client,
    token: tokens.access_token,
    call: (method, path, body, headers) => callAdmin(op.url, tokens.access_token, method, path, body, headers),
  };
}
