// The `ostiary` command cannot get lost: it only opens a store the server or `ostiary init` set up
// (a wrong DATA_DIR is an error that says where it looked, and nothing is written), it has
// --version, and under --json every error is one JSON object on stdout with the usual exit code.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { emptyDataDir, runCli, tempDataDir } from '../helpers/runCli.js';

test('on an empty or missing data folder every command exits 2, says where it looked, and writes nothing', async (t) => {
  const dataDir = await emptyDataDir(t);
  for (const args of [
    ['user', 'list'],
    ['keys', 'list'],
    ['client', 'list'],
    ['user', 'unlock', 'a@example.com'],
  ]) {
    const run = await runCli(args, { env: { DATA_DIR: dataDir } });
    t.is(run.code, 2, args.join(' '));
    t.regex(
      run.stderr,
      new RegExp(`no Ostiary data in ${dataDir} \\(DATA_DIR\\): start the server once or run \`ostiary init\``),
    );
    t.false(run.stderr.includes('    at '), 'no stack trace');
  }
  t.deepEqual(readdirSync(dataDir), [], 'no database, no secret file');
  const missing = join(dataDir, 'not-here');
  const run = await runCli(['user', 'list'], { env: { DATA_DIR: missing } });
  t.is(run.code, 2);
  t.deepEqual(readdirSync(dataDir), [], 'the folder is not created either');
});

test('init sets the store up once; a second init changes nothing and other commands then work', async (t) => {
  const dataDir = await emptyDataDir(t);
  const env = { DATA_DIR: dataDir };
  const first = await runCli(['init', '--json'], { env });
  t.is(first.code, 0, first.stderr);
  const created = JSON.parse(first.stdout) as { store: string; keys: { kid: string }[] };
  t.is(created.store, 'embedded');
  t.is(created.keys.length, 2, 'RS256 and ES256; EdDSA only when asked for');
  const again = JSON.parse((await runCli(['init', '--json'], { env })).stdout) as { keys: { kid: string }[] };
  t.deepEqual(again.keys, created.keys, 'the same keys');
  const listed = await runCli(['user', 'list'], { env });
  t.is(listed.code, 0);
  t.is(listed.stdout.trim(), 'no users yet');
});

test("a server's data folder opened without its OSTIARY_SECRET exits 2 naming it and leaves no secret file behind", async (t) => {
  const dataDir = await emptyDataDir(t);
  const secret = generateMasterSecret();
  t.is((await runCli(['init'], { env: { DATA_DIR: dataDir, OSTIARY_SECRET: secret } })).code, 0);
  const before = readdirSync(dataDir).sort();
  const run = await runCli(['keys', 'list'], { env: { DATA_DIR: dataDir } });
  t.is(run.code, 2);
  t.regex(run.stderr, /configuration error: OSTIARY_SECRET: is not set and there is no development secret/);
  t.deepEqual(readdirSync(dataDir).sort(), before, 'nothing written');
  writeFileSync(join(dataDir, 'ignored'), ''); // the folder is still usable with the secret
  t.is((await runCli(['keys', 'list'], { env: { DATA_DIR: dataDir, OSTIARY_SECRET: secret } })).code, 0);
});

test('--version prints the package version', async (t) => {
  const run = await runCli(['--version']);
  t.is(run.code, 0);
  t.regex(run.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test('under --json every error is one JSON object on stdout, with the same exit codes', async (t) => {
  const dataDir = await tempDataDir(t);
  const env = { DATA_DIR: dataDir };
  const cases: [string[], Record<string, string>, number, string, RegExp][] = [
    [['user', 'add', '--email', 'nope', '--password', 'long enough passphrase'], env, 2, 'usage', /--email/],
    [['user', 'remove', 'nobody@example.com'], env, 1, 'not_found', /nobody@example\.com/],
    [['user', 'add', '--email', 'a@example.com'], env, 2, 'usage', /--password/],
    [['user', 'list'], { ...env, ACCESS_TOKEN_TTL: 'forever' }, 2, 'configuration', /ACCESS_TOKEN_TTL/],
    [['user', 'list'], { DATA_DIR: join(dataDir, 'elsewhere') }, 2, 'store_not_found', /DATA_DIR/],
  ];
  for (const [args, caseEnv, exitCode, code, message] of cases) {
    const run = await runCli([...args, '--json'], { env: caseEnv });
    t.is(run.code, exitCode, args.join(' '));
    const answer = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    t.is(answer.error.code, code, args.join(' '));
    t.regex(answer.error.message, message);
    t.false(answer.error.message.startsWith('error:'));
  }
});
