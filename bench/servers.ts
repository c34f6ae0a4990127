// Starts the two servers under test as their own processes, each on a free loopback port with a
// fresh store: Ostiary from dist/ (registered through its `ostiary` command, as an operator would)
// and the baseline from bench/baseline/ (its clients given as JSON). Both run with
// NODE_ENV=production and nothing else from this process's environment.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { freePort } from '../test/helpers/freePort.js';
import type { BenchFixtures } from './baseline/fixtures.js';
import { httpRequest, keepAliveAgent } from './http.js';
import { childPids, scratchDir, spawnTracked, type Tracked } from './processes.js';
import { type BenchRedis, startRedis } from './redis.js';
import { startCommand } from './startCommand.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const READY_WITHIN_MS = 30_000; // a cold start generates RSA keys and opens the store: a few seconds at most
const FIRST_WORKER_WITHIN_MS = 2_000; // a clustered server has forked by the time it answers
const WORKERS_WITHIN_MS = 10_000; // how long the primary may take to fork all its workers

/** This checkout, the plain oidc-provider host, or an earlier revision of Ostiary (--against). */
export type Side = 'ostiary' | 'baseline' | 'previous';
export type StoreKind = 'embedded' | 'redis';

export const API = { id: 'https://api.example.com', scope: 'read write' } as const;
export const USER = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' } as const;
// Nothing listens there: the flow stops at the redirect. https, as production requires of a web app.
export const REDIRECT_URI = 'https://127.0.0.1:9/cb';

export interface Workers {
  /** What WORKERS was set to ('1' when not set). */
  readonly requested: string;
  /** Serving processes found: cluster workers, or the one process. */
  readonly running: number;
  /** False when more than one was asked for and the server forked none. */
  readonly supported: boolean;
}

/** How the baseline hands requests to oidc-provider (bench/baseline/server.ts). */
export type BaselineHost = 'node' | 'koa';
export const BASELINE_HOSTS: readonly BaselineHost[] = ['node', 'koa'];
const HOST_LABELS: Record<BaselineHost, string> = { node: 'plain (node:http)', koa: 'plain (Koa)' };

export interface Target {
  readonly side: Side;
  /** Its name in the tables: 'ostiary', 'plain (Koa)', 'ostiary@<revision>', ... */
  readonly label: string;
  readonly store: StoreKind;
  readonly url: string;
  readonly fixtures: BenchFixtures;
  readonly redis: BenchRedis | undefined;
  readonly workers: Workers;
  /** The processes that serve requests (the workers when clustered, else the server itself). */
  pids(): number[];
  /** Every process of this side: the server, its workers, its redis-server. */
  processPids(): number[];
  /** Throws, with the server's last output, when the server process has exited. */
  assertAlive(): void;
  stop(): Promise<void>;
}

const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
});

function assertAlive(server: Tracked): void {
  const { exitCode, signalCode } = server.child;
  if (exitCode !== null || signalCode !== null) {
    throw new Error(`${server.name} exited (${exitCode ?? signalCode}) during the run:\n${server.output()}`);
  }
}

async function waitUntilReady(server: Tracked, url: string): Promise<void> {
  const agent = keepAliveAgent(1);
  const deadline = Date.now() + READY_WITHIN_MS;
  try {
    for (;;) {
      if (server.child.exitCode !== null) throw new Error(`${server.name} exited during startup:\n${server.output()}`);
      const response = await httpRequest(agent, new URL('/.well-known/openid-configuration', url)).catch(
        () => undefined,
      );
      if (response?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`${server.name} did not answer within 30 s:\n${server.output()}`);
      await sleep(50);
    }
  } finally {
    agent.destroy();
  }
}

/**
 * Waits for `requested` cluster workers. The server answered already, so a clustered one has
 * forked at least one worker by now; one that shows none within 2 s does not cluster.
 */
async function findWorkers(server: Tracked, requested: string): Promise<Workers> {
  const wanted = requested === 'auto' ? Number.NaN : Number(requested);
  if (wanted === 1) return { requested, running: 1, supported: true };
  const started = Date.now();
  let found = childPids(server.pid).length;
  for (;;) {
    const elapsed = Date.now() - started;
    if (found === 0 ? elapsed > FIRST_WORKER_WITHIN_MS : Number.isNaN(wanted) || found >= wanted) break;
    if (elapsed > WORKERS_WITHIN_MS) break;
    await sleep(100);
    found = childPids(server.pid).length;
  }
  return { requested, running: Math.max(1, found), supported: found > 0 };
}

async function ostiaryCli(root: string, env: NodeJS.ProcessEnv, cwd: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, [join(root, 'bin/ostiary.js'), ...args, '--json'], {
    env,
    cwd,
    timeout: 30_000,
  });
  return JSON.parse(stdout) as Record<string, string>;
}

/** Ostiary's store (a data dir, or a redis-server of its own) with the fixtures registered. */
export interface OstiaryStore {
  readonly store: StoreKind;
  /** The checkout whose `ostiary` command filled the store and whose dist/ serves it. */
  readonly root: string;
  /** Its name in the tables: 'ostiary', or 'ostiary@<revision>' for an earlier one (--against). */
  readonly label: string;
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  readonly redis: BenchRedis | undefined;
  readonly fixtures: BenchFixtures;
  /** Stops its redis-server and removes the data dir. */
  dispose(): Promise<void>;
}

/**
 * A fresh store for Ostiary, filled through the `ostiary` command as an operator would: that of
 * this checkout, or of an earlier revision's (`root`, for --against).
 */
export async function createOstiaryStore(
  store: StoreKind,
  { root = ROOT, label = 'ostiary' }: { root?: string; label?: string } = {},
): Promise<OstiaryStore> {
  const { dir: dataDir, remove } = scratchDir(mkdtempSync(join(tmpdir(), 'ostiary-bench-data-')));
  const redis = store === 'redis' ? await startRedis('redis for ostiary') : undefined;
  const dispose = async () => {
    await redis?.stop();
    remove();
  };
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    HOST: '127.0.0.1',
    TRUST_PROXY: 'false',
    // Production wants a master secret to seal keys at rest; the CLI and the server share it.
    OSTIARY_SECRET: randomBytes(32).toString('base64url'),
    DATA_DIR: dataDir,
    // No LOG_LEVEL: the server logs every request at its default level, as shipped. Its stdout is a
    // pipe this process drains, as a log collector would.
    // All the load comes from one address: per-address sign-in throttling would measure itself.
    // The guessing storm (bench/guessingStorm.ts) runs with the default.
    LOGIN_IP_LIMIT: '1000000',
    ...(redis ? { REDIS_URL: redis.url, REDIS_PREFIX: 'ostiary:' } : {}),
  };
  try {
    // The working directory is the empty data dir, so no config/ostiary.json is picked up.
    const cli = (...args: string[]) => ostiaryCli(root, env, dataDir, ...args);
    // The command opens only a store that is set up (an earlier revision set one up on first use).
    if (existsSync(join(root, 'src/cli/init.ts'))) await cli('init');
    await cli('resource', 'add', '--id', API.id, '--scope', API.scope);
    const [service, web] = await Promise.all([
      cli('client', 'add', '--name', 'bench service', '--grant', 'client_credentials', '--resource', API.id),
      // Not first-party, so a login shows the consent page, as in the baseline.
      cli(
        ...['client', 'add', '--name', 'bench web app', '--redirect-uri', REDIRECT_URI],
        ...['--scope', 'openid email profile offline_access', '--resource', API.id],
      ),
      cli('user', 'add', '--email', USER.email, '--password', USER.password, '--name', USER.name),
    ]);
    const fixtures: BenchFixtures = {
      api: API,
      service: { client_id: String(service?.client_id), client_secret: String(service?.client_secret) },
      web: { client_id: String(web?.client_id), client_secret: String(web?.client_secret), redirect_uri: REDIRECT_URI },
      user: USER,
    };
    return { store, root, label, env, dataDir, redis, fixtures, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface OstiaryOptions {
  /** WORKERS for the server. @default '1' */
  readonly workers?: string;
  /** Write a V8 CPU profile per process into this directory when it stops. */
  readonly cpuProfDir?: string;
  /** More environment for the server. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts dist/main.js on a free port over a prepared store; stop() leaves the store as it is. */
export async function startOstiary(
  prepared: OstiaryStore,
  { workers = '1', cpuProfDir, env: extra }: OstiaryOptions = {},
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const start = startCommand(prepared.root);
  const nodeArgs = [...start.nodeArgs, ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [])];
  const name = `${prepared.label} (${prepared.store}, WORKERS=${workers})`;
  const env = { ...prepared.env, ...start.env, ...extra, PORT: String(port), ISSUER: url, WORKERS: workers };
  const server = spawnTracked(
    name,
    process.execPath,
    [...nodeArgs, join(prepared.root, start.entry)],
    env,
    prepared.dataDir,
  );
  try {
    await waitUntilReady(server, url);
    const found = await findWorkers(server, workers);
    const target: Target = {
      side: prepared.label === 'ostiary' ? 'ostiary' : 'previous',
      label: prepared.label,
      store: prepared.store,
      url,
      redis: prepared.redis,
      workers: found,
      fixtures: prepared.fixtures,
      pids: () => {
        const children = childPids(server.pid);
        return children.length > 0 ? children : [server.pid];
      },
      processPids: () => [server.pid, ...childPids(server.pid), ...(prepared.redis ? [prepared.redis.pid] : [])],
      assertAlive: () => assertAlive(server),
      stop: () => server.stop(),
    };
    return target;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Compiles bench/baseline/*.ts to plain JavaScript in a temporary directory (Ostiary runs
 * compiled too, so neither side pays for a loader), with node_modules linked in. Returns the
 * entry point and a cleanup.
 */
export function compileBaseline(): { entry: string; remove(): void } {
  const source = join(ROOT, 'bench/baseline');
  const { dir, remove } = scratchDir(mkdtempSync(join(tmpdir(), 'ostiary-bench-baseline-')));
  mkdirSync(join(dir, 'baseline'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const file of readdirSync(source).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    });
    writeFileSync(join(dir, 'baseline', file.replace(/\.ts$/, '.js')), outputText);
  }
  return { entry: join(dir, 'baseline/server.js'), remove };
}

export async function startBaseline(
  entry: string,
  store: StoreKind,
  host: BaselineHost,
  cpuProfDir?: string,
): Promise<Target> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const redis = store === 'redis' ? await startRedis('redis for baseline') : undefined;
  const secret = () => randomBytes(32).toString('base64url');
  const fixtures: BenchFixtures = {
    api: API,
    service: { client_id: 'bench-service', client_secret: secret() },
    web: { client_id: 'bench-web', client_secret: secret(), redirect_uri: REDIRECT_URI },
    user: USER,
  };
  const server = spawnTracked(
    `baseline (${host}, ${store === 'redis' ? 'redis' : 'memory'} adapter)`,
    process.execPath,
    [
      ...(cpuProfDir
        ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--cpu-prof-name', `baseline-${host}-${store}.cpuprofile`]
        : []),
      entry,
    ],
    {
      ...baseEnv(),
      BASELINE_HOST: host,
      PORT: String(port),
      ISSUER: url,
      BASELINE_FIXTURES: JSON.stringify(fixtures),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    },
  );
  const stop = async () => {
    await server.stop();
    await redis?.stop();
  };
  try {
    await waitUntilReady(server, url);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    side: 'baseline',
    label: HOST_LABELS[host],
    store,
    url,
    redis,
    workers: { requested: '1', running: 1, supported: true },
    fixtures,
    pids: () => [server.pid],
    processPids: () => [server.pid, ...(redis ? [redis.pid] : [])],
    assertAlive: () => assertAlive(server),
    stop,
  };
}
