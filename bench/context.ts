// What every step of a run shares: the options, a progress log with elapsed time, and the budget
// left for waiting on a busy machine.
import type { BenchOptions } from './options.js';

export interface RunContext {
  readonly options: BenchOptions;
  /** One progress line on stderr, stamped with the seconds since the run started. */
  readonly log: (line: string) => void;
  /** Milliseconds still allowed for waiting until other processes leave the CPU. */
  readonly quiet: { budgetMs: number };
}

export function createContext(options: BenchOptions): RunContext {
  const started = performance.now();
  return {
    options,
    log: (line) =>
      process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`),
    quiet: { budgetMs: options.quietWait * 1000 },
  };
}
