// Every process the benchmark starts goes through here, so every one of them is stopped however the
// run ends: normally, on an error, on Ctrl-C or SIGTERM (cleanup below), and even when this process
// is killed with SIGKILL (a watchdog per child notices our end of its pipe closing).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const OUTPUT_KEPT_BYTES = 65_536;
const STOP_GRACE_MS = 3000; // SIGTERM first; whatever still runs after 3 s gets SIGKILL

export interface Tracked {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** stdout and stderr so far (the last 64 KiB), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; also kills its own child processes (workers). */
  stop(): Promise<void>;
}

const live = new Set<Tracked>();
const scratch = new Set<string>();

/** A temporary directory removed when this process exits, however it exits short of SIGKILL. */
export function scratchDir(dir: string): { dir: string; remove(): void } {
  scratch.add(dir);
  return {
    dir,
    remove() {
      scratch.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Kills `pid` (and, with a negative pid, its group) when this process's end of the pipe closes. */
function watchdog(pid: number): ChildProcess {
  const dog = spawn('sh', ['-c', 'cat >/dev/null; kill -9 "$0" 2>/dev/null', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true, // its own group: a Ctrl-C to ours must not kill it before it acts
  });
  dog.unref();
  (dog.stdin as unknown as { unref(): void }).unref();
  return dog;
}

/** The pids whose parent is `pid` (cluster workers, for instance). */
export function childPids(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return tasks.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export function spawnTracked(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): Tracked {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  const dog = watchdog(pid);
  // The last 64 KiB or so, kept as chunks: a server logging every request writes thousands of lines
  // a second, and copying one growing string per chunk would load the load generator's core.
  const chunks: Buffer[] = [];
  let kept = 0;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (chunks.length > 1 && kept - (chunks[0]?.length ?? 0) >= OUTPUT_KEPT_BYTES)
      kept -= chunks.shift()?.length ?? 0;
  };
  const output = () => Buffer.concat(chunks).toString('utf8').slice(-OUTPUT_KEPT_BYTES);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => dog.kill('SIGKILL'));

  const tracked: Tracked = {
    name,
    child,
    pid,
    output,
    async stop() {
      live.delete(tracked);
      const descendants = childPids(pid);
      child.kill('SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited(child);
      }
      // Workers normally leave with their primary; any that did not are killed here.
      for (const descendant of descendants) if (alive(descendant)) process.kill(descendant, 'SIGKILL');
    },
  };
  live.add(tracked);
  return tracked;
}

/** Stops everything still running, in parallel. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((tracked) => tracked.stop()));
}

let installed = false;

/** Ctrl-C, SIGTERM and uncaught errors stop every child before this process exits. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  const bail = (code: number) => {
    stopAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: stopping every server the benchmark started\n');
    bail(130);
  });
  process.once('SIGTERM', () => bail(143));
  process.once('exit', () => {
    for (const tracked of live) {
      tracked.child.kill('SIGKILL');
      for (const descendant of childPids(tracked.pid)) if (alive(descendant)) process.kill(descendant, 'SIGKILL');
    }
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Pins every thread of `pid` to the given CPUs (taskset's list form, e.g. "0" or "0,1"). Best
 * effort: without taskset (util-linux), or for a process that is gone, nothing is pinned.
 */
export function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
