// How much CPU the rest of the machine took while we measured: everything /proc/stat counts as
// busy, minus what our own processes (this one with autocannon, the servers, their redis-servers)
// used. On a shared two-core box a neighbour's compile changes the figures more than any code
// change, so each round records it, and a round can wait for the machine to calm down first.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

const CORES = cpus().length;
/** /proc counts CPU time in clock ticks: USER_HZ, 100 per second on Linux. */
const JIFFY_MS = 10;

function machineJiffies(): { busy: number; total: number } {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const values = fields.map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0); // user .. steal
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

function processJiffies(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
    return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
  } catch {
    return undefined;
  }
}

/** Starts counting the CPU the given processes use; the returned function gives milliseconds. */
export function measureCpu(pids: readonly number[]): () => number {
  const before = new Map(pids.map((pid) => [pid, processJiffies(pid)]));
  return () => {
    let jiffies = 0;
    for (const [pid, start] of before) {
      const now = processJiffies(pid);
      if (start !== undefined && now !== undefined) jiffies += now - start;
    }
    return jiffies * JIFFY_MS;
  };
}

export interface CpuSample {
  /** Cores' worth of CPU that processes other than ours used (0 .. number of cores). */
  readonly otherCores: number;
}

/** Starts counting; the returned function ends the window and gives the CPU others used in it. */
export function measureOthers(ours: () => readonly number[]): () => CpuSample {
  const machine = machineJiffies();
  const own = measureCpu([...new Set([process.pid, ...ours()])]);
  return () => {
    const after = machineJiffies();
    const ourBusy = own() / JIFFY_MS;
    const total = Math.max(1, after.total - machine.total);
    const others = Math.max(0, after.busy - machine.busy - ourBusy);
    return { otherCores: (others / total) * CORES };
  };
}

export interface QuietOptions {
  /** Others may use this many cores and the machine still counts as quiet. */
  readonly threshold: number;
  /** Give up waiting after this long and measure anyway. */
  readonly maxWaitMs: number;
}

/** Waits (in 250 ms samples) until others use less than the threshold; returns the time waited. */
export async function waitForQuiet(ours: () => readonly number[], options: QuietOptions): Promise<number> {
  const started = Date.now();
  for (;;) {
    const stop = measureOthers(ours);
    await sleep(250);
    if (stop().otherCores < options.threshold || Date.now() - started > options.maxWaitMs) return Date.now() - started;
  }
}
