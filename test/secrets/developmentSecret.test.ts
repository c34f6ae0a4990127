// Development without OSTIARY_SECRET: one secret is generated beside the embedded store, kept
// private, reused by every later start and by the `ostiary` command, with one loud warning.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.js';
import {
  DEVELOPMENT_SECRET_FILE,
  type DevelopmentSecret,
  loadDevelopmentSecret,
} from '../../src/secrets/developmentSecret.js';
import { createStore } from '../../src/store/createStore.js';
import { admin } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { runCli } from '../helpers/runCli.js';
import { startOstiary } from '../helpers/startOstiary.js';

const API = 'https://api.example.com';
const run = promisify(execFile);

function dataDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'ostiary-devsecret-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens the store as the server does, with a logger that keeps its warnings. */
async function openWithWarnings(DATA_DIR: string) {
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
  const store = await createStore(loadConfig({ DATA_DIR }), logger);
  await store.close();
  return warnings;
}

test('two starts on one DATA_DIR share the generated secret, so the keys (and the JWKS) stay the same', async (t) => {
  const DATA_DIR = dataDir(t);
  const first = await startOstiary({ DATA_DIR });
  const jwks = await (await fetch(`${first.url}/jwks`)).json();
  await first.stop();
  const path = join(DATA_DIR, DEVELOPMENT_SECRET_FILE);
  const secret = readFileSync(path, 'utf8');
  t.regex(secret, /^[\w-]{43}\n$/);
  t.is(statSync(path).mode & 0o777, 0o600);

  const second = await startOstiary({ DATA_DIR });
  t.teardown(() => second.stop());
  t.deepEqual(await (await fetch(`${second.url}/jwks`)).json(), jwks);
  t.is(readFileSync(path, 'utf8'), secret, 'reused, not regenerated');
});

test('opening the store warns once: generated the first time, using it afterwards', async (t) => {
  const DATA_DIR = dataDir(t);
  const path = join(DATA_DIR, DEVELOPMENT_SECRET_FILE);
  t.deepEqual(await openWithWarnings(DATA_DIR), [
    `OSTIARY_SECRET is not set: generated a development secret in ${path}; production MUST set OSTIARY_SECRET`,
  ]);
  t.deepEqual(await openWithWarnings(DATA_DIR), [
    `OSTIARY_SECRET is not set: using a development secret in ${path}; production MUST set OSTIARY_SECRET`,
  ]);
});

test('processes starting together on a fresh DATA_DIR agree on one secret and leave no temporary file', async (t) => {
  const DATA_DIR = dataDir(t);
  const module = new URL('../../src/secrets/developmentSecret.ts', import.meta.url).href;
  const script = `const { loadDevelopmentSecret } = await import(${JSON.stringify(module)});
    console.log(JSON.stringify(loadDevelopmentSecret(process.argv[1])));`;
  const results = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const { stdout } = await run(process.execPath, [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
        DATA_DIR,
      ]);
      return JSON.parse(stdout) as DevelopmentSecret;
    }),
  );
  t.is(new Set(results.map((result) => result.secret)).size, 1);
  t.is(results.filter((result) => result.generated).length, 1);
  t.deepEqual(readdirSync(DATA_DIR), [DEVELOPMENT_SECRET_FILE]);
  t.is(loadDevelopmentSecret(DATA_DIR).secret, results[0]?.secret);
});

test('the ostiary command seals with the same development secret as the server', async (t) => {
  const DATA_DIR = dataDir(t);
  const first = await startOstiary({ DATA_DIR });
  await admin(first.store, 'resource', 'add', '--id', API, '--scope', 'read');
  await first.stop();
  const added = await runCli(
    ['client', 'add', '--name', 'Billing', '--grant', 'client_credentials', '--resource', API, '--json'],
    { env: { DATA_DIR } },
  );
  t.is(added.code, 0, added.stderr);
  const service = JSON.parse(added.stdout);

  const again = await startOstiary({ DATA_DIR });
  t.teardown(() => again.stop());
  const response = await postForm(again.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, service);
  t.is(response.status, 200);
});
