// Peak resident memory of a server process, from Linux's /proc: VmHWM is the high-water mark of
// VmRSS. Writing 5 to /proc/<pid>/clear_refs resets it (Linux 4.0+), so each scenario gets its own
// peak; where that is not allowed, the figure is the peak since the process started.
import { readFileSync, writeFileSync } from 'node:fs';

/** VmHWM in MiB, or undefined when the process is gone. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Current resident memory (VmRSS) in MiB, or undefined when the process is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a new peak for each pid; false when the kernel refused for any of them. */
export function resetPeakRss(pids: readonly number[]): boolean {
  let ok = true;
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  }
  return ok;
}

export interface PeakRss {
  /** The largest peak of any one process (per worker, the figure the target is about). */
  readonly maxMiB: number;
  /** The sum of the peaks (a bound on the whole server, since peaks need not coincide). */
  readonly sumMiB: number;
  readonly processes: number;
}

export function peakRss(pids: readonly number[]): PeakRss {
  const peaks = pids.map(peakRssMiB).filter((peak): peak is number => peak !== undefined);
  return {
    maxMiB: Math.max(0, ...peaks),
    sumMiB: peaks.reduce((sum, peak) => sum + peak, 0),
    processes: peaks.length,
  };
}
