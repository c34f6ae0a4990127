// `ostiary client ...` run as a real process: confidential clients get a secret shown once,
// public clients none; every bad flag exits 2, names the flag and leaves the store untouched.
import test from 'ava';
import { runCli, tempDataDir } from '../helpers/runCli.js';
import { withStore } from './withStore.js';

const CALLBACK = 'https://app.example.com/callback';

test('client add prints a confidential client secret once and client show never again', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const added = await runCli(['client', 'add', '--name', 'Billing', '--redirect-uri', CALLBACK], { env });
  t.is(added.code, 0, added.stderr);
  const [client] = await withStore(env.DATA_DIR, (store) => store.clients.list());
  const secret = String(client?.client_secret);
  t.is(secret.length, 43); // 32 bytes, base64url
  t.is(added.stdout.split(secret).length - 1, 1);
  t.regex(added.stderr, /shown only now/);

  const shown = await runCli(['client', 'show', client?.client_id ?? ''], { env });
  t.is(shown.code, 0, shown.stderr);
  t.notRegex(shown.stdout, new RegExp(secret));
  t.regex(shown.stdout, /client_secret\s+\(set\)/);
  t.regex(shown.stdout, /client_name\s+Billing/);
});

test('client add --json prints client_id, client_secret and the metadata; list, remove and show follow it', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const added = await runCli(
    ['client', 'add', '--name', 'Portal', '--redirect-uri', CALLBACK, '--auth-method', 'client_secret_post', '--json'],
    { env },
  );
  t.is(added.code, 0, added.stderr);
  const metadata = JSON.parse(added.stdout);
  t.regex(metadata.client_id, /^[\w-]{22}$/);
  t.regex(metadata.client_secret, /^[\w-]{43}$/);
  t.like(metadata, {
    client_name: 'Portal',
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [CALLBACK],
    token_endpoint_auth_method: 'client_secret_post',
    scope: 'openid email profile roles groups offline_access',
  });

  const listed = await runCli(['client', 'list', '--json'], { env });
  const { client_secret: _secret, ...withoutSecret } = metadata;
  t.deepEqual(JSON.parse(listed.stdout), { clients: [withoutSecret] });

  const removed = await runCli(['client', 'remove', metadata.client_id, '--json'], { env });
  t.deepEqual(JSON.parse(removed.stdout), { removed: true, client_id: metadata.client_id });
  const shown = await runCli(['client', 'show', metadata.client_id], { env });
  t.is(shown.code, 1);
  t.regex(shown.stderr, /no client/);
});

test('a public single-page client has no secret, auth method none, its origin and its API', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  await withStore(env.DATA_DIR, (store) =>
    store.resources.put({
      id: 'https://api.example.com',
      scope: 'read write',
      accessTokenTtl: undefined,
      createdAt: 1,
    }),
  );
  const added = await runCli(
    [
      'client',
      'add',
      '--name',
      'SPA',
      '--public',
      '--first-party',
      '--redirect-uri',
      'http://localhost:5173/callback',
      '--cors-origin',
      'http://localhost:5173/',
      '--resource',
      'https://api.example.com',
      '--json',
    ],
    { env },
  );
  t.is(added.code, 0, added.stderr);
  const metadata = JSON.parse(added.stdout);
  t.false('client_secret' in metadata);
  t.like(metadata, {
    token_endpoint_auth_method: 'none',
    first_party: true,
    cors_origins: ['http://localhost:5173'],
    resources: ['https://api.example.com'],
    scope: 'openid email profile roles groups offline_access', // every OpenID scope, and every scope of its API
  });
  t.false('resource_scope' in metadata);
  const [stored] = await withStore(env.DATA_DIR, (store) => store.clients.list());
  t.deepEqual(stored, metadata);
});

test('client add --native accepts a private-use scheme redirect URI', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const run = await runCli(
    [
      'client',
      'add',
      '--name',
      'Phone',
      '--native',
      '--public',
      '--redirect-uri',
      'com.example.app:/callback',
      '--json',
    ],
    { env },
  );
  t.is(run.code, 0, run.stderr);
  t.like(JSON.parse(run.stdout), { application_type: 'native', redirect_uris: ['com.example.app:/callback'] });
});

const rejected = [
  {
    title: 'a private-use scheme in --redirect-uri without --native',
    args: ['--redirect-uri', 'com.example.app:/callback'],
    flag: '--redirect-uri',
  },
  {
    title: 'an ftp --post-logout-redirect-uri',
    args: ['--redirect-uri', CALLBACK, '--post-logout-redirect-uri', 'ftp://app.example.com/'],
    flag: '--post-logout-redirect-uri',
  },
  { title: 'an unknown --grant', args: ['--redirect-uri', CALLBACK, '--grant', 'password'], flag: '--grant' },
  { title: 'no --redirect-uri for authorization_code', args: [], flag: '--redirect-uri' },
  {
    title: 'client_credentials for a --public client',
    args: ['--public', '--grant', 'client_credentials'],
    flag: '--grant',
  },
  {
    title: 'an API scope in --scope',
    args: ['--redirect-uri', CALLBACK, '--scope', 'openid read'],
    flag: '--scope',
  },
  {
    title: 'an unregistered --resource',
    args: ['--redirect-uri', CALLBACK, '--resource', 'https://api.example.com'],
    flag: '--resource',
  },
  {
    title: 'a path in --cors-origin',
    args: ['--redirect-uri', CALLBACK, '--cors-origin', 'https://app.example.com/app'],
    flag: '--cors-origin',
  },
];

for (const { title, args, flag } of rejected) {
  test(`client add with ${title} exits 2, names ${flag} and writes nothing`, async (t) => {
    const env = { DATA_DIR: await tempDataDir(t) };
    const run = await runCli(['client', 'add', '--name', 'Bad', ...args], { env });
    t.is(run.code, 2);
    t.true(run.stderr.includes(flag), run.stderr);
    t.is(run.stdout, '');
    t.deepEqual(await withStore(env.DATA_DIR, (store) => store.clients.list()), []);
  });
}

test('client add with a fragment in --redirect-uri exits 2, names the flag and client list --json stays empty', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const bad = await runCli(['client', 'add', '--name', 'Bad', '--redirect-uri', `${CALLBACK}#done`], { env });
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--redirect-uri: must not contain a fragment/);
  const listed = await runCli(['client', 'list', '--json'], { env });
  t.is(listed.code, 0);
  t.deepEqual(JSON.parse(listed.stdout), { clients: [] });
});

test('client update exits 1 for an unknown client, 2 naming the flag for a bad value or no change, and writes nothing then', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const added = JSON.parse(
    (await runCli(['client', 'add', '--name', 'App', '--redirect-uri', CALLBACK, '--json'], { env })).stdout,
  );
  const missing = await runCli(['client', 'update', 'no-such-client', '--name', 'X'], { env });
  t.is(missing.code, 1);
  t.regex(missing.stderr, /no client no-such-client/);
  const bad = await runCli(['client', 'update', added.client_id, '--redirect-uri', 'ftp://x.example.com/'], { env });
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--redirect-uri: /);
  const nothing = await runCli(['client', 'update', added.client_id], { env });
  t.is(nothing.code, 2);
  t.regex(nothing.stderr, /nothing to change/);
  const [stored] = await withStore(env.DATA_DIR, (store) => store.clients.list());
  t.deepEqual(stored, added, 'unchanged, secret included');

  const renamed = await runCli(['client', 'update', added.client_id, '--name', 'Renamed'], { env });
  t.is(renamed.code, 0, renamed.stderr);
  t.regex(renamed.stdout, /client_name\s+Renamed/);
  t.notRegex(renamed.stdout, new RegExp(added.client_secret));
  const [after] = await withStore(env.DATA_DIR, (store) => store.clients.list());
  t.deepEqual(after, { ...added, client_name: 'Renamed' }, 'the rest, the secret too, stays');
});
