// Runs the real `ostiary` command (src/cli/main.ts through tsx) in a child process and captures
// its stdout, stderr and exit code. The environment is stripped of every Ostiary setting, so only
// what a test passes (usually its own DATA_DIR) counts; tests with separate data dirs run in parallel.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
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

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
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
