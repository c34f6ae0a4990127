// Clients are held to the APIs and scopes they were registered with, through every grant: another
// API is invalid_target, a scope that is neither one of its OpenID scopes nor of its APIs' is
// invalid_scope, a request naming no API defaults to the first of its APIs that has a scope asked
// for, and a sign-in asking only for OpenID scopes still gets a token for userinfo. One suite, run
// on the embedded store (clientsHeldToApis.test.ts) and on Redis (test/redis/).
import test from 'ava';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { loadConfig } from '../../src/config/loadConfig.js';
import { admin, adminWith, type RegisteredClient } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { isPage, UserAgent } from '../helpers/UserAgent.js';
import { API, SPA_ORIGIN, WEB_REDIRECT, type World, world } from '../helpers/world.js';

const REPORTS = 'https://reports.example.com';

/** `settings` gives the store's settings once the suite starts (a Redis URL is known only then). */
export function clientsHeldToApis(store: string, settings: () => Promise<Record<string, string>>): void {
  let w: World;
  /** A first-party web app for two APIs, limited to read on the first and view on the second. */
  let both: RegisteredClient;
  /** A service limited to read. */
  let reader: RegisteredClient;
  test.before(async () => {
    w = await world(await settings());
    await admin(w.op.store, 'resource', 'add', '--id', REPORTS, '--scope', 'view export');
    both = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Both', '--first-party', '--redirect-uri', WEB_REDIRECT],
      ...['--resource', API, '--resource', REPORTS, '--scope', 'openid email read view'],
    );
    reader = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Reader', '--grant', 'client_credentials'],
      ...['--resource', API, '--scope', 'read'],
    );
  });
  test.after.always(() => w?.op.stop());

  const serviceToken = (client: RegisteredClient, body: Record<string, string> = {}) =>
    postForm(w.op.url, '/token', { grant_type: 'client_credentials', ...body }, client);

  async function signInWith(client: RegisteredClient, scope: string, resource?: string) {
    const rp = await relyingParty(w.op.url, client);
    return exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope, ...(resource ? { resource } : {}) }));
  }

  test(`${store}: a public SPA asking for another registered API is refused with invalid_target`, async (t) => {
    const query = new URLSearchParams({
      client_id: w.spa.client_id,
      response_type: 'code',
      scope: 'openid view',
      redirect_uri: `${SPA_ORIGIN}/callback`,
      resource: REPORTS,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const answer = await new UserAgent(w.op.url).navigate(`${w.op.url}/auth?${query}`);
    if (isPage(answer)) return t.fail(`expected a redirect with the error, got a ${answer.status} page`);
    const back = new URL(answer.redirect);
    t.is(back.origin, SPA_ORIGIN);
    t.is(back.searchParams.get('error'), 'invalid_target');
    t.regex(back.searchParams.get('error_description') ?? '', /not registered for resource https:\/\/reports/);
  });

  test(`${store}: a refresh token cannot be turned into a token for an API the client does not list`, async (t) => {
    const tokens = await signInWith(w.web, 'openid read', API);
    const refreshed = await postForm(
      w.op.url,
      '/token',
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, resource: REPORTS },
      w.web,
    );
    t.is(refreshed.status, 400);
    t.like(await refreshed.json(), { error: 'invalid_target' });
  });

  test(`${store}: a service gets only the scopes it was given: others are invalid_scope, none asked means all it may have`, async (t) => {
    const write = await serviceToken(reader, { scope: 'write' });
    t.is(write.status, 400);
    t.like(await write.json(), { error: 'invalid_scope' });
    const read = (await (await serviceToken(reader, { scope: 'read' })).json()) as { access_token: string };
    t.is(decodeJwt(read.access_token).scope, 'read');
    const unasked = (await (await serviceToken(reader)).json()) as { access_token: string; scope: string };
    t.is(decodeJwt(unasked.access_token).scope, 'read');
    const everything = (await (await serviceToken(w.service)).json()) as { access_token: string };
    t.is(decodeJwt(everything.access_token).scope, 'read write', 'a service that lists no API scope may have them all');
  });

  test(`${store}: a scope nobody defines, and an OpenID scope for a service, are invalid_scope`, async (t) => {
    t.false('scope' in w.service, 'a client-credentials service is registered with no OpenID scope');
    for (const scope of ['admin', 'read admin', 'openid', 'email read']) {
      const response = await serviceToken(w.service, { scope });
      t.is(response.status, 400, scope);
      t.like(await response.json(), { error: 'invalid_scope' });
    }
  });

  test(`${store}: a sign-in naming no API gets a token for the first of its APIs with a scope asked for, or for userinfo`, async (t) => {
    const view = await signInWith(both, 'openid view');
    t.like(decodeJwt(view.access_token), { aud: REPORTS, scope: 'view' });
    const read = await signInWith(both, 'openid email read');
    t.like(decodeJwt(read.access_token), { aud: API, scope: 'read' });
    const oidcOnly = await signInWith(both, 'openid email');
    t.not(oidcOnly.access_token.split('.').length, 3, 'an opaque token');
    const rp = await relyingParty(w.op.url, both);
    const userinfo = await oidc.fetchUserInfo(rp, oidcOnly.access_token, oidc.skipSubjectCheck);
    t.is(userinfo.email, 'ada@example.com');
    const refused = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid write' });
    t.is(refused.callback.searchParams.get('error'), 'invalid_scope');
  });

  test(`${store}: client update changes the name, URIs, origins, APIs and scopes, and the provider follows`, async (t) => {
    const both = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Both', '--first-party', '--redirect-uri', WEB_REDIRECT],
      ...['--resource', API, '--resource', REPORTS],
    );
    const changed = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'update', both.client_id, '--name', 'Reports only', '--resource', REPORTS],
      ...['--scope', 'openid export', '--cors-origin', 'https://reports-ui.example.com'],
    );
    t.like(changed, {
      client_id: both.client_id,
      client_name: 'Reports only',
      resources: [REPORTS],
      scope: 'openid',
      resource_scope: 'export',
      cors_origins: ['https://reports-ui.example.com'],
      redirect_uris: [WEB_REDIRECT],
    });
    t.false('client_secret' in changed);
    const shown = await admin<RegisteredClient>(w.op.store, 'client', 'show', both.client_id);
    t.deepEqual(shown, changed);
    // The command wrote through this server's own store, so the change applies at once.
    const rp = await relyingParty(w.op.url, both);
    const refused = await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: API });
    t.is(refused.callback.searchParams.get('error'), 'invalid_target');
    const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid export' }));
    t.like(decodeJwt(tokens.access_token), { aud: REPORTS, scope: 'export' });

    const cleared = await admin<RegisteredClient>(w.op.store, 'client', 'update', both.client_id, '--no-cors-origin');
    t.false('cors_origins' in cleared);
    t.is(cleared.client_name, 'Reports only');
  });

  test(`${store}: with NODE_ENV=production, client add and update refuse plain-http redirect URIs but a native app on loopback`, async (t) => {
    const production = loadConfig({ NODE_ENV: 'production', TRUST_PROXY: 'false', OSTIARY_SECRET: 'x'.repeat(43) });
    const add = (...args: string[]) => adminWith(w.op.store, production, 'client', 'add', '--name', 'App', ...args);
    await t.throwsAsync(add('--redirect-uri', 'http://app.example.com/callback'), {
      message: /--redirect-uri: an https URL/,
    });
    await t.throwsAsync(add('--redirect-uri', WEB_REDIRECT, '--post-logout-redirect-uri', 'http://app.example.com/'), {
      message: /--post-logout-redirect-uri: an https URL/,
    });
    await t.throwsAsync(add('--redirect-uri', 'http://localhost:8080/callback'), { message: /--redirect-uri/ });
    const native = await add('--native', '--public', '--redirect-uri', 'http://127.0.0.1:8080/callback');
    t.deepEqual(native.redirect_uris, ['http://127.0.0.1:8080/callback']);
    const web = await add('--redirect-uri', WEB_REDIRECT);
    await t.throwsAsync(
      adminWith(
        w.op.store,
        production,
        'client',
        'update',
        web.client_id,
        '--redirect-uri',
        'http://app.example.com/cb',
      ),
      { message: /--redirect-uri: an https URL/ },
    );
    t.deepEqual((await admin(w.op.store, 'client', 'show', web.client_id)).redirect_uris, [WEB_REDIRECT], 'unchanged');
  });
}
