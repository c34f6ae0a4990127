import test from 'ava';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { relyingParty } from '../helpers/relyingParty.js';
import { API, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

const tokenRequest = (client: RegisteredClient, body: Record<string, string>) =>
  postForm(w.op.url, '/token', body, client);

test('a service gets an RFC 9068 JWT for its default API with client credentials', async (t) => {
  const rp = await relyingParty(w.op.url, w.service);
  const tokens = await oidc.clientCredentialsGrant(rp, { scope: 'read' });
  t.is(decodeProtectedHeader(tokens.access_token).typ, 'at+jwt');
  const { payload, protectedHeader } = await jwtVerify(
    tokens.access_token,
    createRemoteJWKSet(new URL(`${w.op.url}/jwks`)),
    { issuer: w.op.url, audience: API, typ: 'at+jwt' },
  );
  t.is(protectedHeader.alg, 'ES256');
  t.is(payload.client_id, w.service.client_id);
  t.is(payload.sub, w.service.client_id);
  t.is(payload.scope, 'read');
  t.truthy(payload.jti);
  t.is((payload.exp as number) - (payload.iat as number), 15 * 60);
});

test('a resource with its own token lifetime shortens the JWT it gets', async (t) => {
  await admin(w.op.store, 'resource', 'add', '--id', 'https://short.example.com', '--scope', 'ping', '--ttl', '120');
  const client = await admin<RegisteredClient>(
    w.op.store,
    'client',
    'add',
    '--name',
    'Pinger',
    '--grant',
    'client_credentials',
    '--resource',
    'https://short.example.com',
  );
  const response = await tokenRequest(client, { grant_type: 'client_credentials', scope: 'ping' });
  const body = (await response.json()) as { expires_in: number };
  t.is(response.status, 200);
  t.is(body.expires_in, 120);
});

test('client credentials without any resource is refused with invalid_target saying a resource is needed', async (t) => {
  const client = await admin<RegisteredClient>(
    w.op.store,
    'client',
    'add',
    '--name',
    'No API',
    '--grant',
    'client_credentials',
  );
  const response = await tokenRequest(client, { grant_type: 'client_credentials' });
  t.is(response.status, 400);
  const body = (await response.json()) as { error: string; error_description: string };
  t.is(body.error, 'invalid_target');
  t.regex(body.error_description, /needs a resource/);
});

test('client credentials for an unregistered resource names it in the error', async (t) => {
  const response = await tokenRequest(w.service, {
    grant_type: 'client_credentials',
    resource: 'https://unknown.example.com',
  });
  t.is(response.status, 400);
  const body = (await response.json()) as { error: string; error_description: string };
  t.is(body.error, 'invalid_target');
  t.regex(body.error_description, /https:\/\/unknown\.example\.com/);
});

test('a wrong client secret is refused with invalid_client', async (t) => {
  const response = await tokenRequest({ ...w.service, client_secret: 'wrong' }, { grant_type: 'client_credentials' });
  t.is(response.status, 401);
  t.is(((await response.json()) as { error: string }).error, 'invalid_client');
});

test('a service only gets tokens for the API it was registered with', async (t) => {
  await admin(w.op.store, 'resource', 'add', '--id', 'https://other.example.com', '--scope', 'x');
  const response = await tokenRequest(w.service, {
    grant_type: 'client_credentials',
    resource: 'https://other.example.com',
  });
  t.is(response.status, 400);
  const body = (await response.json()) as { error: string; error_description: string };
  t.is(body.error, 'invalid_target');
  t.regex(body.error_description, /not registered for resource https:\/\/other\.example\.com/);
});
