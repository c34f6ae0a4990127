// `ostiary resource ...` run as a real process: APIs are registered with their scopes and token
// lifetime, listed and removed; a bad lifetime exits 2 naming --ttl and writes nothing.
import test from 'ava';
import { runCli, tempDataDir } from '../helpers/runCli.js';
import { withStore } from './withStore.js';

const API = 'https://api.example.com';

test('resource add stores the API with a 15m ttl as 900 seconds; list shows it, remove deletes it once', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const added = await runCli(
    ['resource', 'add', '--id', API, '--scope', 'read  write read', '--ttl', '15m', '--json'],
    {
      env,
    },
  );
  t.is(added.code, 0, added.stderr);
  t.like(JSON.parse(added.stdout), { id: API, scope: 'read write', accessTokenTtl: 900 });

  const listed = await runCli(['resource', 'list', '--json'], { env });
  const { resources } = JSON.parse(listed.stdout);
  t.is(resources.length, 1);
  t.like(resources[0], { id: API, scope: 'read write', accessTokenTtl: 900 });

  const removed = await runCli(['resource', 'remove', API, '--json'], { env });
  t.deepEqual(JSON.parse(removed.stdout), { removed: true, id: API });
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.resources.list()), []);

  const again = await runCli(['resource', 'remove', API], { env });
  t.is(again.code, 1);
  t.regex(again.stderr, /no resource/);
});

test('resource add with a --ttl that is not a positive duration exits 2 naming --ttl and writes nothing', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const run = await runCli(['resource', 'add', '--id', API, '--scope', 'read', '--ttl', '0'], { env });
  t.is(run.code, 2);
  t.regex(run.stderr, /--ttl/);
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.resources.list()), []);
});

test('resource add with openid in --scope exits 2 naming --scope', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const run = await runCli(['resource', 'add', '--id', API, '--scope', 'openid read'], { env });
  t.is(run.code, 2);
  t.regex(run.stderr, /--scope/);
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.resources.list()), []);
});

test('resource remove refuses a resource that clients list, older ones by default_resource too', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  await withStore(env.DATA_DIR, async (store) => {
    await store.resources.put({ id: API, scope: 'read', accessTokenTtl: undefined, createdAt: 1 });
    await store.clients.put({ client_id: 'old', default_resource: API });
    await store.clients.put({ client_id: 'svc', resources: ['https://other.example.com', API] });
  });
  const run = await runCli(['resource', 'remove', API], { env });
  t.is(run.code, 2);
  t.regex(run.stderr, /is an API of clients old, svc/);
  t.is((await withStore(env.DATA_DIR, (store) => store.resources.list())).length, 1);
});

test('resource update replaces the scopes and the lifetime; dropping a scope a client is limited to needs --force', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const cli = (...args: string[]) => runCli([...args, '--json'], { env });
  t.is((await cli('resource', 'add', '--id', API, '--scope', 'read write', '--ttl', '15m')).code, 0);
  const updated = await cli('resource', 'update', API, '--scope', 'read write export', '--ttl', '5m');
  t.is(updated.code, 0, updated.stdout);
  t.like(JSON.parse(updated.stdout), { id: API, scope: 'read write export', accessTokenTtl: 300 });
  const back = await cli('resource', 'update', API, '--no-ttl');
  t.like(JSON.parse(back.stdout), { scope: 'read write export', accessTokenTtl: null });

  const client = JSON.parse(
    (
      await cli(
        'client',
        'add',
        '--name',
        'Export job',
        '--grant',
        'client_credentials',
        '--resource',
        API,
        '--scope',
        'export',
      )
    ).stdout,
  ) as { client_id: string };
  const refused = await cli('resource', 'update', API, '--scope', 'read write');
  t.is(refused.code, 2);
  t.like(JSON.parse(refused.stdout), { error: { code: 'usage' } });
  t.regex(JSON.parse(refused.stdout).error.message, new RegExp(`--force: export is listed by ${client.client_id}`));
  t.is((await withStore(env.DATA_DIR, (store) => store.resources.get(API)))?.scope, 'read write export', 'unchanged');
  const forced = await cli('resource', 'update', API, '--scope', 'read write', '--force');
  t.is(forced.code, 0);

  const nothing = await cli('resource', 'update', API);
  t.is(nothing.code, 2);
  const missing = await cli('resource', 'update', 'https://other.example.com', '--scope', 'x');
  t.is(missing.code, 1);
});
