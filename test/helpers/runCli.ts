// Runs the `ostiary` command and captures its stdout, stderr and exit code. Only what a test passes
// in `env` counts (usually its own DATA_DIR), so tests with separate data dirs run in parallel.
// runCli runs the command line in this process (runCommandLine, what main.ts runs) when the test
// names an absolute DATA_DIR or a server, so nothing depends on this process's working directory;
// otherwise, and through runCliProcess, the real command starts as a child process (src/cli/main.ts
// through tsx) in a folder holding no configuration.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
import { runCommandLine } from '../../src/cli/runCommandLine.js';
import { loadConfig, SETTING_NAMES } from '../../src/config/loadConfig.js';
import { readKeyRing } from '../../src/keys/readKeyRing.js';
import { createStore } from '../../src/store/createStore.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
// Resolved here, so the child may run in any directory.
const TSX = import.meta.resolve('tsx');

/** What only the `ostiary` command reads: the config file, and the server it may operate instead. */
const CLI_ONLY = ['OSTIARY_CONFIG', 'OSTIARY_URL', 'OSTIARY_CLIENT_ID', 'OSTIARY_CLIENT_SECRET'];

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Added to the stripped environment; DATA_DIR is also the working directory. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed (closed at once when absent). */
  readonly input?: string;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [...SETTING_NAMES, ...CLI_ONLY]) delete env[name];
  return env;
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const env = { ...options.env };
  if (!(env.DATA_DIR && isAbsolute(env.DATA_DIR)) && !env.OSTIARY_URL) return runCliProcess(args, options);
  let stdout = '';
  let stderr = '';
  const code = await runCommandLine(args, env, {
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
    },
    stderr: new Writable({
      write(chunk, _encoding, done) {
        stderr += String(chunk);
        done();
      },
    }),
    stdin: Readable.from([options.input ?? '']),
    cwd: env.DATA_DIR && existsSync(env.DATA_DIR) ? env.DATA_DIR : tmpdir(),
  });
  return { code, stdout, stderr };
}

export function runCliProcess(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const env = { ...baseEnv(), ...options.env };
  // The working directory holds no config/ostiary.json, so only the environment configures the run.
  const cwd = env.DATA_DIR && existsSync(env.DATA_DIR) ? env.DATA_DIR : tmpdir();
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { env, cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh, empty DATA_DIR removed when the test ends: the `ostiary` command refuses it. */
export async function emptyDataDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ostiary-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh DATA_DIR set up as the server's first start (or `ostiary init`) leaves it, removed at the end. */
export async function tempDataDir(t: ExecutionContext): Promise<string> {
  const dir = await emptyDataDir(t);
  const store = await createStore(loadConfig({ DATA_DIR: dir }));
  await readKeyRing(store);
  await store.close();
  return dir;
}
