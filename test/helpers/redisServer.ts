// Throw-away redis-server processes for tests: each on a free port with its own temporary dir,
// never the Redis on 6379. Every process dies with the test process, however that one ends: an
// 'exit' hook covers normal exits, a watchdog per server covers SIGKILL and signals.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { refuseInFastRun } from './fastRun.js';
import { freePort } from './freePort.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_CLI = '/usr/bin/redis-cli';
const READY_WITHIN_MS = 10_000; // a cold redis-server answers in ~20 ms; generous for a loaded CI box
const POLL_EVERY_MS = 25;

const run = promisify(execFile);
const live = new Set<ChildProcess>();
const dirs = new Set<string>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

export interface RedisServerOptions {
  /** Turn on the append-only file. @default false (no persistence at all) */
  appendonly?: boolean;
  /** With `appendonly`. @default 'always' (every write is on disk before Redis answers) */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** A fixed port. @default a free one */
  port?: number;
  /** More redis-server arguments, e.g. ['--maxmemory-policy', 'noeviction']. */
  args?: string[];
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** The current redis-server process id (changes on restart). */
  readonly pid: number;
  /** SIGTERM, wait for exit, remove the directory. */
  stop(): Promise<void>;
  /** SIGKILL, like a crash; the directory (and any AOF) stays for restart(). */
  kill(): Promise<void>;
  /** Start again on the same port and directory (after kill()). */
  restart(): Promise<void>;
}

/** One command through redis-cli; resolves with its output, rejects if the server does not answer. */
export async function redisCli(port: number, ...command: string[]): Promise<string> {
  const { stdout } = await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...command], { timeout: 2000 });
  return stdout;
}

/** Kills `pid` when this process's end of the pipe closes, i.e. when this process is gone. */
function watchdog(pid: number): ChildProcess {
  const dog = spawn('sh', ['-c', 'cat >/dev/null; kill -9 "$0" 2>/dev/null', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true, // its own process group: a Ctrl-C to ours must not kill it before it acts
  });
  dog.unref();
  (dog.stdin as unknown as { unref(): void }).unref();
  return dog;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  refuseInFastRun('Redis');
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), `ostiary-redis-${port}-`));
  dirs.add(dir);
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...['--appendonly', options.appendonly ? 'yes' : 'no', '--logfile', join(dir, 'redis.log')],
    ...(options.appendonly ? ['--appendfsync', options.appendfsync ?? 'always'] : []),
    ...(options.args ?? []),
  ];
  let child: ChildProcess;
  let dog: ChildProcess;

  const launch = async () => {
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    live.add(child);
    dog = watchdog(child.pid as number);
    const current = child;
    current.once('exit', () => {
      live.delete(current);
      dog.kill('SIGKILL'); // exited on its own or by us: the watchdog must not kill a reused pid
    });
    const deadline = Date.now() + READY_WITHIN_MS;
    for (;;) {
      if (current.exitCode !== null) throw new Error(`redis-server on ${port} exited; see ${dir}/redis.log`);
      if ((await redisCli(port, 'PING').catch(() => '')).trim() === 'PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer PING`);
      await sleep(POLL_EVERY_MS);
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    child.kill(name);
    await exited(child);
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return child.pid as number;
    },
    async stop() {
      await signal('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
      dirs.delete(dir);
    },
    kill: () => signal('SIGKILL'),
    restart: launch,
  };
}

export interface RedisCluster {
  readonly nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/** Three masters, no replicas, all 16384 slots assigned and agreed on by every node. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const servers = await Promise.all(
    [0, 1, 2].map(async () => {
      // Ask for the cluster bus port explicitly (Redis 7): the default, port + 10000, may be taken
      // or above 65535 for the kernel's high ephemeral ports.
      const [port, busPort] = [await freePort(), await freePort()];
      return startRedisServer({
        port,
        args: [
          ...['--cluster-enabled', 'yes', '--cluster-port', String(busPort)],
          ...['--cluster-config-file', `nodes-${port}.conf`], // relative to the server's own --dir
          ...['--cluster-node-timeout', '5000'],
        ],
      });
    }),
  );
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await run(REDIS_CLI, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: READY_WITHIN_MS,
    });
    const deadline = Date.now() + READY_WITHIN_MS;
    for (const server of servers) {
      while (!(await redisCli(server.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) {
        if (Date.now() > deadline) throw new Error(`cluster node ${server.port} never reached cluster_state:ok`);
        await sleep(POLL_EVERY_MS);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })), stop };
}
