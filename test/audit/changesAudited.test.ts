// Every change made with the `ostiary` command is audited with who made it (the OS user) and what
// it was about, to AUDIT_LOG (created 0600) or else to stderr, so that --json output stays one
// object on stdout. A refused command changes nothing and audits nothing. No secret is written.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { adminWith } from '../helpers/admin.js';
import { runCli, tempDataDir } from '../helpers/runCli.js';
import { startOstiary } from '../helpers/startOstiary.js';

const actor = `cli:${userInfo().username}`;
const PASSWORD = 'a passphrase nobody guesses';
const NEW_PASSWORD = 'another passphrase for later';

test('each user, client, resource, key and secret change is one audit line naming the OS user', async (t) => {
  const dataDir = await tempDataDir(t);
  const auditLog = join(dataDir, 'audit', 'ostiary-audit.log');
  const env = { DATA_DIR: dataDir, AUDIT_LOG: auditLog };
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--json'], { env });
    t.is(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  const lines = () =>
    readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  const user = await cli('user', 'add', '--email', 'grace@example.com', '--password', PASSWORD);
  const refused = await runCli(['user', 'add', '--email', 'grace@example.com', '--password', PASSWORD], { env });
  t.is(refused.code, 2);
  await cli('user', 'set-password', 'grace@example.com', '--password', NEW_PASSWORD);
  await cli('user', 'revoke', 'grace@example.com');
  await cli('user', 'disable', 'grace@example.com');
  await cli('user', 'enable', 'grace@example.com');
  await cli('user', 'unlock', 'grace@example.com');
  await cli('resource', 'add', '--id', 'https://api.example.com', '--scope', 'read write');
  const client = await cli(
    'client',
    'add',
    '--name',
    'Billing',
    '--grant',
    'client_credentials',
    '--resource',
    'https://api.example.com',
  );
  await cli('client', 'update', client.client_id, '--name', 'Billing v2');
  await cli('client', 'remove', client.client_id);
  await cli('resource', 'remove', 'https://api.example.com');
  await cli('user', 'remove', 'grace@example.com');

  const written = lines();
  t.deepEqual(
    written.map((line) => line.event),
    [
      'account.created',
      'account.password_changed',
      'account.signed_out',
      'account.disabled',
      'account.enabled',
      'account.unlocked',
      'resource.created',
      'client.created',
      'client.updated',
      'client.removed',
      'resource.removed',
      'account.removed',
    ],
    'one line per change, none for the refused one',
  );
  for (const line of written) t.like(line, { audit: true, outcome: 'success', actor });
  t.like(written[0], { accountId: user.accountId });
  t.like(written[7], { clientId: client.client_id });
  t.like(written[8], { clientId: client.client_id, details: { changed: ['name'] } });
  t.like(written[10], { details: { resource: 'https://api.example.com' } });
  const text = readFileSync(auditLog, 'utf8');
  for (const secret of [PASSWORD, NEW_PASSWORD, client.client_secret as string]) t.false(text.includes(secret));
  t.false(text.includes('grace@example.com'), 'nor the email');
  t.is(statSync(auditLog).mode & 0o777, 0o600);
});

test('without AUDIT_LOG the line goes to stderr, and --json stdout stays exactly one object', async (t) => {
  const dataDir = await tempDataDir(t);
  const run = await runCli(['resource', 'add', '--id', 'https://api.example.com', '--scope', 'read', '--json'], {
    env: { DATA_DIR: dataDir },
  });
  t.is(run.code, 0, run.stderr);
  t.like(JSON.parse(run.stdout), { id: 'https://api.example.com' });
  const line = run.stderr
    .split('\n')
    .filter(Boolean)
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .find((each) => each.audit === true);
  t.like(line, { event: 'resource.created', actor });
});

test('keys rotate and promote, and secrets reseal, are audited with the key ids', async (t) => {
  const dataDir = await tempDataDir(t);
  const auditLog = join(dataDir, 'audit.log');
  const env = { DATA_DIR: dataDir, AUDIT_LOG: auditLog };
  const rotated = await runCli(['keys', 'rotate', '--alg', 'ES256', '--json'], { env });
  t.is(rotated.code, 0, rotated.stderr);
  const kid = (JSON.parse(rotated.stdout) as { keys: { kid: string }[] }).keys[0]?.kid as string;
  t.is((await runCli(['keys', 'promote', kid], { env })).code, 0);
  t.is((await runCli(['secrets', 'reseal'], { env })).code, 0);
  const written = readFileSync(auditLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  t.like(written[0], { event: 'keys.rotated', reason: 'by_hand', details: { keys: [kid] }, actor });
  t.like(written[1], { event: 'keys.promoted', reason: 'by_hand', details: { keys: [kid] }, actor });
  t.like(written[2], { event: 'secrets.resealed', actor });
});

test("the server's own key transitions are audited with the actor ostiary", async (t) => {
  let skew = 0;
  const op = await startOstiary({ KEY_PROPAGATION: '1m' }, { clock: () => Date.now() + skew });
  t.teardown(() => op.stop());
  const rotated = await adminWith<{ keys: { kid: string }[] }>(op.store, op.config, 'keys', 'rotate', '--alg', 'EdDSA');
  const kid = rotated.keys[0]?.kid as string;
  await op.keys.tick();
  t.false(
    op.auditLines.some((line) => line.event === 'keys.promoted'),
    'not before the propagation delay',
  );
  skew = 61_000;
  await op.keys.tick();
  t.like(
    op.auditLines.find((line) => line.event === 'keys.promoted'),
    { actor: 'ostiary', reason: 'propagated', details: { keys: [kid] } },
  );
});

test('a refused command leaves no audit file behind', async (t) => {
  const dataDir = await tempDataDir(t);
  const auditLog = join(dataDir, 'audit.log');
  const refused = await runCli(['user', 'add', '--email', 'not-an-email', '--password', PASSWORD], {
    env: { DATA_DIR: dataDir, AUDIT_LOG: auditLog },
  });
  t.is(refused.code, 2);
  t.false(existsSync(auditLog));
});
