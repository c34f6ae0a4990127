// `ostiary --server URL` (or OSTIARY_URL): the command operates a running server through its admin
// API as OSTIARY_CLIENT_ID, with no store, no DATA_DIR and no OSTIARY_SECRET on this side. The
// server applies its own settings (a key rotation takes ITS KEY_PROPAGATION), audits the change
// as the client, and a refusal reads as it does locally.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import test from 'ava';
import { adminResourceId } from '../../src/admin/adminResource.js';
import { adminCaller } from '../admin/adminClient.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { freePort } from '../helpers/freePort.js';
import { emptyDataDir, runCli } from '../helpers/runCli.js';
import { type RunningOstiary, startOstiary } from '../helpers/startOstiary.js';

let op: RunningOstiary;
let ops: RegisteredClient;
let reader: RegisteredClient;

test.before(async () => {
  // The server's propagation differs from the 10 minutes a shell without settings would take.
  op = await startOstiary({ KEY_PROPAGATION: '2h' });
  ops = (await adminCaller(op, 'admin:read admin:write')).client;
  reader = (await adminCaller(op, 'admin:read')).client;
});
test.after.always(() => op?.stop());

/** A place where no store is, and which must stay empty: the command has nothing local to use. */
async function nowhere(t: import('ava').ExecutionContext): Promise<string> {
  return join(await emptyDataDir(t), 'none');
}

function remoteEnv(client: RegisteredClient, dataDir: string): Record<string, string> {
  return {
    OSTIARY_URL: op.url,
    OSTIARY_CLIENT_ID: client.client_id,
    OSTIARY_CLIENT_SECRET: client.client_secret ?? '',
    DATA_DIR: dataDir,
  };
}

test('with OSTIARY_URL and an admin client, accounts, clients, APIs and keys change on the server, nothing here', async (t) => {
  const dataDir = await nowhere(t);
  const env = remoteEnv(ops, dataDir);
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--json'], { env });
    t.is(run.code, 0, `${args.join(' ')}: ${run.stderr}${run.stdout}`);
    return JSON.parse(run.stdout);
  };

  const user = await cli(
    'user',
    'add',
    '--email',
    'remote@example.com',
    '--password',
    'correct horse battery staple',
    '--name',
    'Remo',
  );
  t.like(await op.store.accounts.findByEmail('remote@example.com'), { accountId: user.accountId, name: 'Remo' });
  t.true((await cli('user', 'list')).users.some((each: { email: string }) => each.email === 'remote@example.com'));
  t.like(await cli('user', 'disable', 'REMOTE@example.com'), { disabled: true, accountId: user.accountId });
  t.true((await op.store.accounts.findById(user.accountId))?.disabled);

  await cli('resource', 'add', '--id', 'https://api.remote.test', '--scope', 'read write', '--ttl', '5m');
  t.like(await op.store.resources.get('https://api.remote.test'), { accessTokenTtl: 300 });
  const client = await cli(
    'client',
    'add',
    '--name',
    'Remote service',
    '--grant',
    'client_credentials',
    '--resource',
    'https://api.remote.test',
  );
  t.regex(client.client_secret, /^.{32,}$/, 'the new secret is printed once');
  t.truthy(await op.store.clients.get(client.client_id));
  t.false('client_secret' in (await cli('client', 'show', client.client_id)));

  const before = Date.now();
  const { keys } = await cli('keys', 'rotate', '--alg', 'ES256');
  const activatesIn = Date.parse(keys[0].activatesAt) - before;
  t.true(
    activatesIn > 90 * 60_000,
    `the server's KEY_PROPAGATION (2h) counts, not this shell's 10 min: ${activatesIn} ms`,
  );
  t.true((await cli('keys', 'list')).keys.some((key: { kid: string }) => key.kid === keys[0].kid));

  const actors = op.auditLines
    .filter((line) =>
      ['account.created', 'client.created', 'resource.created', 'keys.rotated'].includes(String(line.event)),
    )
    .map((line) => line.actor);
  t.true(actors.length >= 4);
  t.true(
    actors.every((actor) => actor === `client:${ops.client_id}`),
    'audited on the server as the admin client',
  );
  t.false(existsSync(dataDir), 'nothing was written on this side');
});

test('--server may stand anywhere on the line and wins over OSTIARY_URL', async (t) => {
  const env = { ...remoteEnv(ops, await nowhere(t)), OSTIARY_URL: 'http://127.0.0.1:1' };
  for (const args of [
    ['--server', op.url, 'resource', 'list', '--json'],
    ['resource', 'list', '--json', '--server', op.url],
  ]) {
    const run = await runCli(args, { env });
    t.is(run.code, 0, run.stderr);
    t.true(
      JSON.parse(run.stdout).resources.some((each: { id: string }) => each.id === adminResourceId(op.config.issuerId)),
    );
  }
});

test('a refusal reads as it does on the store: the flag at fault (2), a missing record (1), the next step', async (t) => {
  const env = remoteEnv(ops, await nowhere(t));
  const weak = await runCli(['user', 'add', '--email', 'weak@example.com', '--password', 'password1'], { env });
  t.is(weak.code, 2);
  t.regex(weak.stderr, /^error: --password: /m);

  const unknown = await runCli(['client', 'update', 'no-such-client', '--name', 'x'], { env });
  t.is(unknown.code, 1);
  t.regex(unknown.stderr, /no client no-such-client/);

  const missing = await runCli(['user', 'revoke', 'nobody@example.com', '--json'], { env });
  t.is(missing.code, 1);
  t.deepEqual(JSON.parse(missing.stdout), {
    error: { code: 'not_found', message: 'no account with email nobody@example.com' },
  });

  await admin(op.store, 'resource', 'add', '--id', 'https://api.used.test', '--scope', 'read');
  await admin(
    op.store,
    'client',
    'add',
    '--name',
    'user of it',
    '--grant',
    'client_credentials',
    '--resource',
    'https://api.used.test',
  );
  const inUse = await runCli(['resource', 'remove', 'https://api.used.test'], { env });
  t.is(inUse.code, 2);
  t.regex(inUse.stderr, /--force: .*or pass --force/);
  t.truthy(await op.store.resources.get('https://api.used.test'), 'still there');
});

test('credentials that are missing, wrong or without admin:write are refused with exit 2, naming what to set', async (t) => {
  const dataDir = await nowhere(t);
  const none = await runCli(['user', 'list', '--json'], { env: { OSTIARY_URL: op.url, DATA_DIR: dataDir } });
  t.is(none.code, 2);
  t.like(JSON.parse(none.stdout).error, { code: 'usage' });
  t.regex(JSON.parse(none.stdout).error.message, /^OSTIARY_CLIENT_ID: set OSTIARY_CLIENT_ID and OSTIARY_CLIENT_SECRET/);

  const wrong = await runCli(['user', 'list'], {
    env: { ...remoteEnv(ops, dataDir), OSTIARY_CLIENT_SECRET: 'not-the-secret' },
  });
  t.is(wrong.code, 2);
  t.regex(wrong.stderr, /refused the credentials of client .*invalid_client/);
  t.false(wrong.stderr.includes('not-the-secret'), 'the secret is not echoed');

  const readOnly = remoteEnv(reader, dataDir);
  t.is((await runCli(['user', 'list'], { env: readOnly })).code, 0, 'admin:read reads');
  const write = await runCli(
    ['user', 'add', '--email', 'ro@example.com', '--password', 'correct horse battery staple'],
    { env: readOnly },
  );
  t.is(write.code, 2);
  t.regex(write.stderr, /may not get a token .* admin:write/);
  t.is(await op.store.accounts.findByEmail('ro@example.com'), undefined);
});

test('init and secrets reseal work on the store itself and refuse --server', async (t) => {
  const env = remoteEnv(ops, await nowhere(t));
  for (const args of [['init'], ['secrets', 'reseal']]) {
    const run = await runCli(args, { env });
    t.is(run.code, 2, args.join(' '));
    t.regex(run.stderr, /--server: this command works on the store itself/);
  }
  t.false(existsSync(env.DATA_DIR as string));
});

test('a server that is not there, not Ostiary, or reached over plain http elsewhere is said plainly', async (t) => {
  const env = remoteEnv(ops, await nowhere(t));
  const closed = await runCli(['--server', `http://127.0.0.1:${await freePort()}`, 'user', 'list'], { env });
  t.is(closed.code, 1);
  t.regex(
    closed.stderr,
    /^error: could not reach http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration: ECONNREFUSED/,
  );

  const other = createServer((_req, res) => res.writeHead(404).end('nothing here'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  t.teardown(() => other.close());
  const { port } = other.address() as { port: number };
  const notOstiary = await runCli(['--server', `http://127.0.0.1:${port}`, 'user', 'list'], { env });
  t.is(notOstiary.code, 2);
  t.regex(notOstiary.stderr, /--server: http:\/\/127\.0\.0\.1:\d+ is not an Ostiary server/);

  const clear = await runCli(['--server', 'http://id.example.com', 'user', 'list'], { env });
  t.is(clear.code, 2);
  t.regex(clear.stderr, /--server: .*use https/);
});
