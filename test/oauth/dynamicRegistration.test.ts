// Dynamic client registration (RFC 7591) and its management (RFC 7592), on the embedded store and
// on Redis: off by default; with REGISTRATION=true a client registers itself at /reg with an
// initial access token from `ostiary registration-token create`, through openid-client, gets the
// rules `client add` follows, and signs a person in. A token registers as many clients as it
// allows (counted atomically), and the registration access token reads, changes and deletes that
// client alone.
import { once } from 'node:events';
import { createServer } from 'node:http';
import test, { type ExecutionContext } from 'ava';
import * as oidc from 'openid-client';
import { adminResourceId } from '../../src/admin/adminResource.js';
import { adminWith } from '../helpers/admin.js';
import { eventually } from '../helpers/eventually.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { freePort } from '../helpers/freePort.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { dumpEmbedded, dumpRedis } from '../helpers/storeDump.js';
import { tempDir } from '../helpers/tempDir.js';
import { asPage } from '../helpers/UserAgent.js';
import { API, WEB_LOGOUT, WEB_REDIRECT, type World, world, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the RFC 7591 answer; each test reads what it checks
  readonly body: any;
  readonly headers: Headers;
}

async function call(url: string, method: string, token: string | undefined, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: json ? JSON.parse(text) : text, headers: response.headers };
}

const register = (w: World, token: string | undefined, metadata: Record<string, unknown>) =>
  call(`${w.op.url}/reg`, 'POST', token, metadata);

async function registrationToken(w: World, ...flags: string[]): Promise<string> {
  return (await adminWith(w.op.store, w.op.config, 'registration-token', 'create', ...flags)).token;
}

const WEB_APP = { client_name: 'Self-registered', redirect_uris: [WEB_REDIRECT], scope: 'openid email' };

for (const store of STORES) {
  const setUp = (t: ExecutionContext) => worldOn(t, store, redis, { REGISTRATION: 'true' });

  test(`[${store}] a client registers itself with an initial access token and signs a person in`, async (t) => {
    const w = await setUp(t);
    const issued = await adminWith(w.op.store, w.op.config, 'registration-token', 'create', '--expires', '1h');
    t.is(issued.uses, 1);
    t.is(issued.registration_endpoint, `${w.op.url}/reg`);
    const configuration = await oidc.dynamicClientRegistration(
      new URL(w.op.url),
      { ...WEB_APP, logo_uri: 'https://app.example.com/logo.png' },
      undefined,
      { initialAccessToken: issued.token, execute: [oidc.allowInsecureRequests] },
    );
    const registered = configuration.clientMetadata();
    t.is(registered.token_endpoint_auth_method, 'client_secret_basic');
    t.is(typeof registered.client_secret, 'string');
    t.is(typeof registered.registration_access_token, 'string');
    t.is(registered.registration_client_uri, `${w.op.url}/reg/${registered.client_id}`);
    t.deepEqual(registered.grant_types, ['authorization_code', 'refresh_token'], 'the defaults of client add');
    t.false('logo_uri' in registered, 'what we do not keep is left out');
    t.true(w.op.auditLines.some((line) => line.event === 'client.created' && line.actor === 'registration'));

    const rp = await relyingParty(w.op.url, {
      client_id: registered.client_id,
      client_secret: registered.client_secret as string,
    });
    const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid email' }));
    t.is(tokens.claims()?.aud, registered.client_id);

    // The token registered its one client: it is spent.
    const again = await register(w, issued.token, WEB_APP);
    t.is(again.status, 401);
    t.is(again.body.error, 'invalid_token');
    // Neither token is kept in a usable form.
    const dump = (store === 'redis' ? await dumpRedis(redis().port) : dumpEmbedded(w.op.dataDir)).join('\n');
    t.false(dump.includes(issued.token));
    t.false(dump.includes(registered.registration_access_token as string));
  });

  test(`[${store}] a registration is held to the rules of client add`, async (t) => {
    const w = await setUp(t);
    const token = await registrationToken(w, '--uses', '20');
    const refused = async (metadata: Record<string, unknown>, error: string, pattern: RegExp) => {
      const answer = await register(w, token, metadata);
      t.is(answer.status, 400, JSON.stringify(metadata));
      t.is(answer.body.error, error);
      t.regex(answer.body.error_description, pattern);
    };
    await refused(
      { ...WEB_APP, redirect_uris: ['https://app.example.com/cb#frag'] },
      'invalid_redirect_uri',
      /fragment/,
    );
    await refused(
      { ...WEB_APP, application_type: 'native', redirect_uris: ['http://app.example.com/cb'] },
      'invalid_redirect_uri',
      /loopback/,
    );
    await refused({ ...WEB_APP, redirect_uris: [] }, 'invalid_redirect_uri', /required/);
    await refused({ ...WEB_APP, scope: 'openid payroll' }, 'invalid_client_metadata', /scope.*payroll/);
    await refused({ ...WEB_APP, client_name: undefined }, 'invalid_client_metadata', /client_name/);
    await refused({ ...WEB_APP, first_party: true }, 'invalid_client_metadata', /first_party.*operator/);
    await refused({ ...WEB_APP, grant_types: ['implicit'] }, 'invalid_client_metadata', /grant_types/);
    await refused(
      { ...WEB_APP, token_endpoint_auth_method: 'client_secret_jwt' },
      'invalid_client_metadata',
      /token_endpoint_auth_method/,
    );
    await refused({ ...WEB_APP, redirect_uris: 'https://x' }, 'invalid_redirect_uri', /redirect_uris.*array/);
    // The admin API is an operator's: no registered client may get its tokens.
    await refused(
      {
        client_name: 'Sneaky',
        grant_types: ['client_credentials'],
        resources: [adminResourceId(w.op.url)],
        scope: 'admin:write',
      },
      'invalid_client_metadata',
      /not for registered clients/,
    );
    // A service for a registered API is fine, and a public app gets no secret.
    const service = await register(w, token, {
      client_name: 'Robot',
      grant_types: ['client_credentials'],
      resources: [API],
    });
    t.is(service.status, 201);
    const spa = await register(w, token, { ...WEB_APP, token_endpoint_auth_method: 'none' });
    t.is(spa.status, 201);
    t.false('client_secret' in spa.body);
    // Without a token, or with a made-up one, nothing is registered.
    t.is((await register(w, undefined, WEB_APP)).status, 401);
    t.is((await register(w, 'made-up', WEB_APP)).body.error, 'invalid_token');
  });

  test(`[${store}] a token with --uses 2 registers two clients, even when many try at once`, async (t) => {
    const w = await setUp(t);
    const token = await registrationToken(w, '--uses', '2');
    const answers = await Promise.all(Array.from({ length: 6 }, () => register(w, token, WEB_APP)));
    t.deepEqual(answers.map((answer) => answer.status).sort(), [201, 201, 401, 401, 401, 401]);
    t.is((await register(w, token, WEB_APP)).status, 401);
  });

  test(`[${store}] the registration access token reads, changes and deletes its own client (RFC 7592)`, async (t) => {
    const w = await setUp(t);
    const token = await registrationToken(w, '--uses', '2');
    const { body: mine } = await register(w, token, WEB_APP);
    const { body: other } = await register(w, token, WEB_APP);
    const uri = mine.registration_client_uri as string;

    const read = await call(uri, 'GET', mine.registration_access_token);
    t.is(read.status, 200);
    t.is(read.body.client_id, mine.client_id);
    t.deepEqual(read.body.redirect_uris, [WEB_REDIRECT]);
    // Another client's token opens nothing here.
    t.is((await call(uri, 'GET', other.registration_access_token)).status, 401);

    const changed = await call(uri, 'PUT', mine.registration_access_token, {
      ...WEB_APP,
      client_id: mine.client_id,
      redirect_uris: ['https://web.example.com/callback-2'],
    });
    t.is(changed.status, 200);
    t.deepEqual(changed.body.redirect_uris, ['https://web.example.com/callback-2']);
    t.is(changed.body.client_secret, mine.client_secret, 'the secret stays');
    const rotated = changed.body.registration_access_token as string;
    t.not(rotated, mine.registration_access_token, 'the registration access token rotates with each change');
    t.is((await call(uri, 'GET', mine.registration_access_token)).status, 401);

    const bad = await call(uri, 'PUT', rotated, { ...WEB_APP, client_id: mine.client_id, redirect_uris: ['x'] });
    t.is(bad.body.error, 'invalid_redirect_uri');
    const unchanged = await call(uri, 'GET', rotated);
    t.deepEqual(unchanged.body.redirect_uris, ['https://web.example.com/callback-2']);
    const upgrade = await call(uri, 'PUT', rotated, { ...WEB_APP, client_id: mine.client_id, first_party: true });
    t.is(upgrade.body.error, 'invalid_client_metadata');

    t.is((await call(uri, 'DELETE', rotated)).status, 204);
    t.is(await w.op.store.clients.get(mine.client_id), undefined);
    t.is((await call(uri, 'GET', rotated)).status, 401);
    t.truthy(await w.op.store.clients.get(other.client_id));
  });
}

test('registration is off by default: no /reg, and discovery does not offer it', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const metadata = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as object;
  t.false('registration_endpoint' in metadata);
  const token = await registrationToken(w);
  t.is((await register(w, token, WEB_APP)).status, 404);
});

test('registration-token create refuses a bad --uses or --expires, naming the flag', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  for (const flags of [
    ['--uses', '0'],
    ['--uses', 'many'],
    ['--expires', 'soon'],
    ['--expires', '90d'],
  ]) {
    const error = await t.throwsAsync(adminWith(w.op.store, w.op.config, 'registration-token', 'create', ...flags));
    t.regex(error.message, new RegExp(flags[0] as string), flags.join(' '));
  }
});

test('in production a registration, like client add, needs https redirect URIs', async (t) => {
  const port = await freePort();
  const op = await startOstiary({
    PORT: String(port),
    ISSUER: `https://id.example.com:${port}`, // behind a TLS-terminating proxy
    TRUST_PROXY: 'false',
    NODE_ENV: 'production',
    OSTIARY_SECRET: 'x'.repeat(43),
    DATA_DIR: tempDir('registration'),
    REGISTRATION: 'true',
  });
  t.teardown(() => op.stop());
  const { token } = await adminWith(op.store, op.config, 'registration-token', 'create', '--uses', '2');
  const endpoint = `http://127.0.0.1:${port}/reg`;
  const plain = await call(endpoint, 'POST', token, { ...WEB_APP, redirect_uris: ['http://app.example.com/cb'] });
  t.is(plain.body.error, 'invalid_redirect_uri');
  t.regex(plain.body.error_description, /https URL when NODE_ENV=production/);
  const secure = await call(endpoint, 'POST', token, { ...WEB_APP, redirect_uris: ['https://app.example.com/cb'] });
  t.is(secure.status, 201);
  t.is(secure.body.registration_client_uri, `https://id.example.com:${port}/reg/${secure.body.client_id}`);
});

for (const store of STORES) {
  test(`[${store}] a registration sent back as read (RFC 7592) is accepted, and keeps what the operator set`, async (t) => {
    const w = await worldOn(t, store, redis, { REGISTRATION: 'true' });
    const token = await registrationToken(w);
    const { body: mine } = await register(w, token, { ...WEB_APP, scope: 'openid email read', resources: [API] });
    t.is(mine.resource_scope, 'read');
    await adminWith(w.op.store, w.op.config, 'client', 'update', mine.client_id, '--require-mfa');
    const uri = mine.registration_client_uri as string;
    const { body: read } = await call(uri, 'GET', mine.registration_access_token);
    // RFC 7592 2.2: everything but the four members the server alone sets.
    const {
      registration_access_token: rat,
      registration_client_uri: _uri,
      client_secret_expires_at: _expires,
      client_id_issued_at: _issued,
      ...echo
    } = read;
    const replaced = await call(uri, 'PUT', rat, { ...echo, client_name: 'Renamed', require_mfa: false });
    t.is(replaced.status, 200, JSON.stringify(replaced.body));
    t.like(replaced.body, { client_name: 'Renamed', require_mfa: true, scope: 'openid email', resource_scope: 'read' });
    const promoted = await call(uri, 'PUT', replaced.body.registration_access_token, { ...echo, first_party: true });
    t.is(promoted.body.error, 'invalid_client_metadata');
    t.regex(promoted.body.error_description, /first_party/);
  });

  test(`[${store}] a self-registered app cannot point back-channel logout at a private address, nor read an API's tokens`, async (t) => {
    const w = await worldOn(
      t,
      store,
      redis,
      { REGISTRATION: 'true' },
      { logoutDelivery: { timeoutMs: 2000, retryDelaysMs: [10] } },
    );
    let reached = 0;
    const server = createServer((_req, res) => {
      reached += 1;
      res.writeHead(200).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    t.teardown(() => server.close());
    const { port } = server.address() as { port: number };
    const token = await registrationToken(w, '--uses', '2');
    const { body: app } = await register(w, token, {
      ...WEB_APP,
      post_logout_redirect_uris: [WEB_LOGOUT],
      backchannel_logout_uri: `http://127.0.0.1:${port}/logout`,
    });
    t.true(app.self_registered);
    const rp = await relyingParty(w.op.url, { client_id: app.client_id, client_secret: app.client_secret });
    const login = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid' });
    const tokens = await exchange(rp, login);
    const url = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token as string });
    const confirm = asPage(await login.agent.navigate(url.href));
    await login.agent.submit(confirm, '/session/end/confirm', { logout: 'yes' });
    const held = await eventually(
      async () => w.op.auditLines.some((line) => line.event === 'logout.backchannel'),
      10_000,
    );
    t.true(held.held);
    t.like(
      w.op.auditLines.find((line) => line.event === 'logout.backchannel'),
      { outcome: 'failure', reason: 'refused_address' },
    );
    t.is(reached, 0, 'nothing reached the loopback address');

    // Listing an API does not make a self-registered client that API's own: it sees only its tokens.
    const { body: lister } = await register(w, token, {
      client_name: 'Lister',
      grant_types: ['client_credentials'],
      resources: [API],
    });
    const webRp = await relyingParty(w.op.url, w.web);
    const someone = await exchange(
      webRp,
      await signIn(webRp, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: API }),
    );
    const listerRp = await relyingParty(w.op.url, { client_id: lister.client_id, client_secret: lister.client_secret });
    t.false((await oidc.tokenIntrospection(listerRp, someone.access_token)).active);
  });
}
