// The admin API over HTTP, called the way an operator's script would: with an access token from
// client_credentials for `${ISSUER}/admin`. Every operation is exercised; each answer is checked
// against the schema the OpenAPI document was generated from, and the document itself is validated.

import { Validator } from '@seriousme/openapi-schema-validator';
import test from 'ava';
import type { z } from 'zod';
import { ADMIN_ROUTES } from '../../src/admin/adminApi.js';
import { admin } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { API, type World, world } from '../helpers/world.js';
import { type AdminCall, type AdminCaller, adminCaller, callAdmin } from './adminClient.js';

let w: World;
let ops: AdminCaller;
let reader: AdminCaller;
test.before(async () => {
  w = await world();
  ops = await adminCaller(w.op, 'admin:read admin:write');
  reader = await adminCaller(w.op, 'admin:read');
});
test.after.always(() => w?.op.stop());

/** Checks an answer against the route's declared status and response schema. */
function answers(t: import('ava').ExecutionContext, call: AdminCall, method: string, path: string) {
  const route = ADMIN_ROUTES.find((each) => each.method === method && each.path === path);
  if (!route) return t.fail(`no route ${method} ${path}`);
  t.is(call.status, route.response.status, `${method} ${path}: ${JSON.stringify(call.body)}`);
  if (route.response.schema) {
    const parsed = (route.response.schema as z.ZodType).safeParse(call.body);
    t.true(parsed.success, `${method} ${path} answers as documented: ${parsed.error?.message ?? ''}`);
  } else {
    t.is(call.body, undefined);
  }
}

test.serial(
  'without a token 401, with a foreign or forged token 401, without the scope 403, all as problem+json',
  async (t) => {
    const none = await callAdmin(w.op.url, undefined, 'GET', '/users');
    t.is(none.status, 401);
    t.is(none.type, 'application/problem+json');
    t.like(none.body, { type: 'urn:ostiary:problem:unauthorized', status: 401 });

    const forged = await callAdmin(w.op.url, `${ops.token.slice(0, -4)}AAAA`, 'GET', '/users');
    t.is(forged.status, 401);

    // A token for another API is no admin token.
    const service = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', resource: API }, w.service);
    const apiToken = ((await service.json()) as { access_token: string }).access_token;
    t.is((await callAdmin(w.op.url, apiToken, 'GET', '/users')).status, 401);

    const denied = await reader.call('POST', '/users', { email: 'x@example.com', password: 'a fine long passphrase' });
    t.is(denied.status, 403);
    t.like(denied.body, {
      type: 'urn:ostiary:problem:forbidden',
      detail: 'this operation needs the scope admin:write',
    });
    t.is((await reader.call('GET', '/users')).status, 200, 'admin:read reads');
  },
);

test.serial('bad input is a 400 problem naming each member at fault, and writes nothing', async (t) => {
  const before = (await w.op.store.accounts.list()).length;
  const empty = await ops.call('POST', '/users', {});
  t.is(empty.status, 400);
  t.is(empty.type, 'application/problem+json');
  t.deepEqual(empty.body.errors.map((each: { field: string }) => each.field).sort(), ['email', 'password']);
  const unknown = await ops.call('POST', '/users', {
    email: 'y@example.com',
    password: 'a fine long passphrase',
    role: 'root',
  });
  t.is(unknown.status, 400);
  t.regex(JSON.stringify(unknown.body.errors), /role/);
  const weak = await ops.call('POST', '/users', { email: 'y@example.com', password: 'password' });
  t.is(weak.status, 400);
  t.like(weak.body.errors[0], { field: 'password' });
  const malformed = await ops.call('POST', '/users', '{"email": ');
  t.is(malformed.status, 400);
  t.like(malformed.body, { detail: 'the body is not valid JSON' });
  const text = await ops.call('POST', '/users', undefined, { 'content-type': 'text/plain' });
  t.is(text.status, 415);
  const badRedirect = await ops.call('POST', '/clients', {
    name: 'Bad',
    redirect_uris: ['https://x.example.com/cb#frag'],
  });
  t.is(badRedirect.status, 400);
  t.like(badRedirect.body.errors[0], { field: 'redirect_uris' });
  const paging = await ops.call('GET', '/users?limit=0');
  t.is(paging.status, 400);
  t.like(paging.body.errors[0], { field: 'query.limit' });
  t.is((await w.op.store.accounts.list()).length, before);
  const nowhere = await ops.call('GET', '/nothing-here');
  t.is(nowhere.status, 404);
  t.is(nowhere.type, 'application/problem+json');
  const wrongMethod = await ops.call('PUT', '/users');
  t.is(wrongMethod.status, 405);
  t.is(wrongMethod.headers.get('allow'), 'GET, POST');
  t.is(wrongMethod.type, 'application/problem+json');
});

test.serial(
  'users: add, list a page at a time, show, change the password, disable, enable, revoke, unlock, remove',
  async (t) => {
    const emails = ['u1@example.com', 'u2@example.com', 'u3@example.com'];
    for (const email of emails) {
      const added = await ops.call('POST', '/users', { email, password: 'a fine long passphrase', name: email });
      answers(t, added, 'post', '/users');
    }
    const taken = await ops.call('POST', '/users', { email: 'U1@example.com', password: 'a fine long passphrase' });
    t.is(taken.status, 409);
    const first = await ops.call('GET', '/users?limit=2');
    answers(t, first, 'get', '/users');
    t.is(first.body.users.length, 2);
    const rest = await ops.call('GET', `/users?limit=500&cursor=${first.body.next_cursor}`);
    const all = [...first.body.users, ...rest.body.users].map((user: { email: string }) => user.email);
    t.deepEqual(all, [...all].sort(), 'ordered by email');
    t.true(emails.every((email) => all.includes(email)));
    t.is(rest.body.next_cursor, null);

    const id = first.body.users.find((user: { email: string }) => user.email === 'u1@example.com').accountId;
    answers(t, await ops.call('GET', `/users/${id}`), 'get', '/users/{id}');
    t.is((await ops.call('GET', '/users/no-such-id')).status, 404);
    const changed = await ops.call('PATCH', `/users/${id}`, { password: 'another fine passphrase' });
    answers(t, changed, 'patch', '/users/{id}');
    const disabled = await ops.call('PATCH', `/users/${id}`, { disabled: true });
    t.true(disabled.body.disabled);
    t.false((await ops.call('PATCH', `/users/${id}`, { disabled: false })).body.disabled);
    answers(t, await ops.call('POST', `/users/${id}/revoke`), 'post', '/users/{id}/revoke');
    answers(t, await ops.call('POST', `/users/${id}/unlock`), 'post', '/users/{id}/unlock');
    answers(t, await ops.call('DELETE', `/users/${id}`), 'delete', '/users/{id}');
    t.is((await ops.call('DELETE', `/users/${id}`)).status, 404);
  },
);

test.serial('clients: add (secret shown once), list, show, update, rotate the secret, remove', async (t) => {
  const added = await ops.call('POST', '/clients', {
    name: 'Reports',
    grants: ['client_credentials'],
    resources: [API],
    scope: 'read',
  });
  answers(t, added, 'post', '/clients');
  t.truthy(added.body.client_secret);
  const id = added.body.client_id as string;
  const listed = await ops.call('GET', '/clients');
  answers(t, listed, 'get', '/clients');
  t.false(JSON.stringify(listed.body).includes(added.body.client_secret), 'no secret in a list');
  const shown = await ops.call('GET', `/clients/${id}`);
  answers(t, shown, 'get', '/clients/{id}');
  t.is(shown.body.client_secret, undefined);
  const renamed = await ops.call('PATCH', `/clients/${id}`, { name: 'Reports v2', scope: null });
  answers(t, renamed, 'patch', '/clients/{id}');
  t.is(renamed.body.client_name, 'Reports v2');
  const rotated = await ops.call('POST', `/clients/${id}/rotate-secret`, { grace_seconds: 3600 });
  answers(t, rotated, 'post', '/clients/{id}/rotate-secret');
  const token = (secret: string) =>
    postForm(
      w.op.url,
      '/token',
      { grant_type: 'client_credentials', resource: API },
      { client_id: id, client_secret: secret },
    );
  t.is((await token(rotated.body.client_secret)).status, 200);
  t.is((await token(added.body.client_secret)).status, 200, 'the old secret during its grace period');
  answers(t, await ops.call('DELETE', `/clients/${id}`), 'delete', '/clients/{id}');
  t.is((await ops.call('GET', `/clients/${id}`)).status, 404);
});

test.serial('resources: add, list, show, update, refuse removing one in use, remove', async (t) => {
  const id = 'https://billing.example.com';
  const path = `/resources/${encodeURIComponent(id)}`;
  answers(
    t,
    await ops.call('POST', '/resources', { id, scope: 'invoices:read', access_token_ttl: 300 }),
    'post',
    '/resources',
  );
  t.is((await ops.call('POST', '/resources', { id, scope: 'x' })).status, 409);
  answers(t, await ops.call('GET', '/resources'), 'get', '/resources');
  answers(t, await ops.call('GET', path), 'get', '/resources/{id}');
  const updated = await ops.call('PATCH', path, { scope: 'invoices:read invoices:write', access_token_ttl: null });
  answers(t, updated, 'patch', '/resources/{id}');
  t.like(updated.body, { scope: 'invoices:read invoices:write', accessTokenTtl: null });
  const user = await admin(
    w.op.store,
    'client',
    'add',
    '--name',
    'Biller',
    '--grant',
    'client_credentials',
    '--resource',
    id,
  );
  const inUse = await ops.call('DELETE', path);
  t.is(inUse.status, 409);
  t.regex(inUse.body.detail, new RegExp(user.client_id));
  answers(t, await ops.call('DELETE', `${path}?force=true`), 'delete', '/resources/{id}');
  t.is((await ops.call('GET', path)).status, 404);
});

test.serial("keys: list, rotate with the server's own propagation, promote", async (t) => {
  const listed = await ops.call('GET', '/keys');
  answers(t, listed, 'get', '/keys');
  t.false(JSON.stringify(listed.body).includes('"d"'), 'no private member');
  const before = Date.now();
  const rotated = await ops.call('POST', '/keys/rotate', { alg: 'ES256' });
  answers(t, rotated, 'post', '/keys/rotate');
  const signsAt = Date.parse(rotated.body.keys[0].activatesAt);
  const propagation = w.op.config.keys.propagation * 1000;
  t.true(signsAt >= before + propagation && signsAt <= Date.now() + propagation, "KEY_PROPAGATION is the server's");
  const promoted = await ops.call('POST', `/keys/${rotated.body.keys[0].kid}/promote`);
  answers(t, promoted, 'post', '/keys/{kid}/promote');
  t.is((await ops.call('POST', '/keys/nope/promote')).status, 404);
});

test.serial('each change is audited with the calling client as actor and the request id', async (t) => {
  const added = await ops.call(
    'POST',
    '/resources',
    { id: 'https://audit.example.com', scope: 'a' },
    { 'x-request-id': 'admin-req-1' },
  );
  t.is(added.status, 201);
  t.like(
    w.op.auditLines.find((line) => line.requestId === 'admin-req-1'),
    {
      event: 'resource.created',
      actor: `client:${ops.client.client_id}`,
      details: { resource: 'https://audit.example.com' },
    },
  );
});

test.serial('the OpenAPI 3.1 document is valid and lists exactly the operations served', async (t) => {
  const response = await fetch(`${w.op.url}/admin/v1/openapi.json`);
  t.is(response.status, 200);
  const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  t.is(document.openapi, '3.1.0');
  const result = await new Validator().validate(document);
  t.true(result.valid, JSON.stringify(result.errors));
  const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m} ${path}`),
  );
  t.deepEqual(documented.sort(), ADMIN_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
});

test.serial('the CLI and the API write identical records', async (t) => {
  const viaCli = await admin(
    w.op.store,
    'client',
    'add',
    '--name',
    'Twin',
    '--redirect-uri',
    'https://twin.example.com/cb',
    '--resource',
    API,
  );
  const viaApi = await ops.call('POST', '/clients', {
    name: 'Twin',
    redirect_uris: ['https://twin.example.com/cb'],
    resources: [API],
  });
  const strip = ({ client_id: _id, client_secret: _secret, ...rest }: Record<string, unknown>) => rest;
  t.deepEqual(
    strip((await w.op.store.clients.get(viaApi.body.client_id)) ?? {}),
    strip((await w.op.store.clients.get(viaCli.client_id)) ?? {}),
  );

  const cliUser = await admin(
    w.op.store,
    'user',
    'add',
    '--email',
    'twin1@example.com',
    '--password',
    'a fine long passphrase',
    '--name',
    'Twin',
  );
  const apiUser = await ops.call('POST', '/users', {
    email: 'twin2@example.com',
    password: 'a fine long passphrase',
    name: 'Twin',
  });
  const shape = ({ accountId: _a, email: _e, createdAt: _c, ...rest }: Record<string, unknown>) => rest;
  t.deepEqual(shape(apiUser.body), shape(cliUser));
});
