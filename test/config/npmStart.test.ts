// `npm start` is what the README tells a newcomer to run, and what a process manager stops with
// SIGTERM: the signal must reach the server (the script execs node instead of leaving a shell in
// between), which shuts down cleanly instead of being left running.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/freePort.js';

const BUILD_AND_START_WITHIN_MS = 120_000;

test('SIGTERM to npm start stops the server, which says so and frees its port', async (t) => {
  t.timeout(BUILD_AND_START_WITHIN_MS + 30_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'ostiary-npm-start-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const npm = spawn('npm', ['start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  });
  let out = '';
  npm.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  t.teardown(() => npm.kill('SIGKILL'));
  const up = await eventually(
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok,
    BUILD_AND_START_WITHIN_MS,
    {
      everyMs: 250,
    },
  );
  t.true(up.held, 'the server started');

  npm.kill('SIGTERM');
  await once(npm, 'exit');
  const refused = await eventually(
    () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => false,
        () => true,
      ),
    5_000,
  );
  t.true(refused.held, `nothing listens on ${port} any more`);
  t.regex(out, /"msg":"stopped"/, 'the server itself shut down');
});
