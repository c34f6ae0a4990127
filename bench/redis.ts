// A throw-away redis-server for one side of the benchmark (never the machine's Redis on 6379), and
// the command counters (INFO commandstats) that give "Redis commands per request".
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../test/helpers/freePort.js';
import { scratchDir, spawnTracked } from './processes.js';

const run = promisify(execFile);
const READY_WITHIN_MS = 10_000;

export interface BenchRedis {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function redisCli(port: number, ...command: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command], {
    timeout: 5000,
    maxBuffer: 256 * 1024 * 1024, // --scan lists every key: tens of thousands after a soak
  });
  return stdout;
}

export async function startRedis(name: string): Promise<BenchRedis> {
  const port = await freePort();
  const { dir, remove } = scratchDir(mkdtempSync(join(tmpdir(), `ostiary-bench-redis-${port}-`)));
  const server = spawnTracked(
    name,
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    process.env,
  );
  const deadline = Date.now() + READY_WITHIN_MS;
  while ((await redisCli(port, 'PING').catch(() => '')).trim() !== 'PONG') {
    if (server.child.exitCode !== null) throw new Error(`${name} exited: ${server.output()}`);
    if (Date.now() > deadline) throw new Error(`${name} on port ${port} did not answer PING`);
    await sleep(25);
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: server.pid,
    async stop() {
      await server.stop();
      remove();
    },
  };
}

/** Calls per command since the server started (or the last CONFIG RESETSTAT). */
export async function commandCounts(port: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const line of (await redisCli(port, 'INFO', 'commandstats')).split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) counts.set(match[1] as string, Number(match[2]));
  }
  return counts;
}

/** Calls per command between two snapshots, without our own INFO calls. */
export function commandDelta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [command, calls] of after) {
    const added = calls - (before.get(command) ?? 0);
    if (added > 0 && command !== 'info') delta[command] = added;
  }
  return delta;
}
