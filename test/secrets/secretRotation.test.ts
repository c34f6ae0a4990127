// Changing the master secret without losing anything: put a new secret first (the old one still
// opens), reseal, drop the old one. A secret that opens nothing stops startup with a message
// naming OSTIARY_SECRET, in the server and in the `ostiary` command alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { loadCookieKeys } from '../../src/keys/loadCookieKeys.js';
import { loadSigningKeys } from '../../src/keys/loadSigningKeys.js';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { createStore } from '../../src/store/createStore.js';
import { createEmbeddedStore, EMBEDDED_FILE } from '../../src/store/embedded/createEmbeddedStore.js';
import { resealStore } from '../../src/store/sealed/resealStore.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { testChange } from '../helpers/change.js';
import { freePort } from '../helpers/freePort.js';
import { postForm } from '../helpers/postForm.js';
import { runCli } from '../helpers/runCli.js';
import { runServerProcess } from '../helpers/runServerProcess.js';
import { type RunningOstiary, startOstiary } from '../helpers/startOstiary.js';

const API = 'https://api.example.com';
const [OLD, NEW, WRONG] = [generateMasterSecret(), generateMasterSecret(), generateMasterSecret()];

const jwksOf = async (op: RunningOstiary) => (await fetch(`${op.url}/jwks`)).json();

const authenticates = async (op: RunningOstiary, client: RegisteredClient) =>
  (await postForm(op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, client)).status === 200;

const addService = (op: RunningOstiary, name: string) =>
  admin<RegisteredClient>(
    op.store,
    'client',
    'add',
    '--name',
    name,
    '--grant',
    'client_credentials',
    '--resource',
    API,
  );

test('a second secret keeps everything readable, reseal moves it all to the new one, and a wrong one stops startup', async (t) => {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'ostiary-secrets-'));
  t.teardown(() => rmSync(DATA_DIR, { recursive: true, force: true }));
  const running = new Set<RunningOstiary>();
  t.teardown(() => Promise.all([...running].map((op) => op.stop())));
  const start = async (OSTIARY_SECRET: string) => {
    const op = await startOstiary({ DATA_DIR, OSTIARY_SECRET });
    running.add(op);
    return op;
  };
  const stop = (op: RunningOstiary) => {
    running.delete(op);
    return op.stop();
  };

  // Sealed under OLD.
  const first = await start(OLD);
  await admin(first.store, 'resource', 'add', '--id', API, '--scope', 'read');
  const before = await addService(first, 'Before');
  const jwks = await jwksOf(first);
  t.true(await authenticates(first, before));
  await stop(first);

  // NEW first, OLD still opens: same keys, same clients; new writes are sealed under NEW.
  const both = await start(`${NEW},${OLD}`);
  t.deepEqual(await jwksOf(both), jwks);
  t.true(await authenticates(both, before));
  const during = await addService(both, 'During');
  t.true(await authenticates(both, during));
  await stop(both);

  // Before the reseal the keys are still sealed under OLD: NEW alone cannot open them.
  const early = await t.throwsAsync(startOstiary({ DATA_DIR, OSTIARY_SECRET: NEW }), { instanceOf: ConfigError });
  t.is(early?.variable, 'OSTIARY_SECRET');

  const resealed = await runCli(['secrets', 'reseal', '--json'], {
    env: { DATA_DIR, OSTIARY_SECRET: `${NEW},${OLD}` },
  });
  t.is(resealed.code, 0, resealed.stderr);
  t.deepEqual(JSON.parse(resealed.stdout), { resealed: { settings: 3, clients: 2, accounts: 0 } });

  // OLD removed: everything still opens.
  const after = await start(NEW);
  t.deepEqual(await jwksOf(after), jwks);
  t.true(await authenticates(after, before));
  t.true(await authenticates(after, during));
  await stop(after);

  // A secret that opens nothing: a clear startup error, exit code 1, no stack trace.
  const wrong = await runServerProcess({ DATA_DIR, OSTIARY_SECRET: WRONG, PORT: String(await freePort()) });
  t.is(wrong.code, 1);
  t.regex(
    wrong.stderr,
    /configuration error: OSTIARY_SECRET: none of the OSTIARY_SECRET values opens the stored keys: add the secret they were sealed with/,
  );
  t.false(wrong.stderr.includes('    at '), 'no stack trace');
  t.false(wrong.stderr.includes(WRONG), 'the secret is not echoed');

  // The `ostiary` command opens the store the same way and refuses the same way (exit 2, like any bad setting).
  const cli = await runCli(['client', 'list'], { env: { DATA_DIR, OSTIARY_SECRET: WRONG } });
  t.is(cli.code, 2);
  t.regex(cli.stderr, /configuration error: OSTIARY_SECRET: none of the OSTIARY_SECRET values opens the stored keys/);
});

test('reseal says what it did in words without --json', async (t) => {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'ostiary-secrets-'));
  t.teardown(() => rmSync(DATA_DIR, { recursive: true, force: true }));
  const op = await startOstiary({ DATA_DIR, OSTIARY_SECRET: OLD });
  await op.stop();
  const run = await runCli(['secrets', 'reseal'], { env: { DATA_DIR, OSTIARY_SECRET: `${NEW},${OLD}` } });
  t.is(run.code, 0, run.stderr);
  t.is(
    run.stdout,
    'resealed 3 settings document(s), 0 client secret(s) and 0 TOTP secret(s) under the first OSTIARY_SECRET\n',
  );
});

test('a store written before sealing existed keeps working, says so at startup, and reseal seals it', async (t) => {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'ostiary-secrets-'));
  t.teardown(() => rmSync(DATA_DIR, { recursive: true, force: true }));
  const raw = createEmbeddedStore(DATA_DIR);
  await Promise.all([loadSigningKeys(raw), loadCookieKeys(raw)]);
  await raw.clients.put({ client_id: 'legacy', client_secret: 'legacy-secret-in-clear' });
  await raw.close();
  const settingsInClear = () => {
    const db = new Database(join(DATA_DIR, EMBEDDED_FILE), { readonly: true });
    try {
      return (db.prepare('SELECT value FROM settings').pluck().all() as string[]).filter((v) => v.startsWith('{'))
        .length;
    } finally {
      db.close();
    }
  };
  t.is(settingsInClear(), 2);

  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
  const store = await createStore(loadConfig({ DATA_DIR, OSTIARY_SECRET: NEW }), logger);
  t.deepEqual(warnings, [
    'stored in clear (written before sealing): signing-keys, cookie-keys; run `ostiary secrets reseal` to seal them',
  ]);
  t.is((await store.clients.get('legacy'))?.client_secret, 'legacy-secret-in-clear');
  t.deepEqual(await resealStore(store, testChange()), { settings: 3, clients: 1, accounts: 0 });
  await store.close();
  t.is(settingsInClear(), 0);

  const op = await startOstiary({ DATA_DIR, OSTIARY_SECRET: NEW });
  t.teardown(() => op.stop());
  t.is(((await jwksOf(op)) as { keys: unknown[] }).keys.length, 2);
});
