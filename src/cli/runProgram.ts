// Runs one `ostiary` command line and returns the exit code: 0 done, 1 not found or store
// unavailable, 2 bad usage or configuration. Expected errors print one line naming what to fix;
// only a bug prints a stack trace.
import { CommanderError } from 'commander';
import { ConfigError } from '../config/ConfigError.js';
import { SealError } from '../secrets/SealError.js';
import { StoreUnavailableError } from '../store/errors.js';
import type { CliDeps } from './CliDeps.js';
import { NotFoundError, UsageError } from './errors.js';
import { program } from './program.js';

function exitCodeFor(error: unknown, deps: CliDeps): number {
  // Commander has already printed its message (or the help that was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError || error instanceof NotFoundError) {
    deps.err(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    deps.err(`configuration error: ${error.message}\n`);
    return 2;
  }
  if (error instanceof SealError) {
    deps.err(`error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof StoreUnavailableError) {
    deps.err(`error: ${error.message}\n`);
    return 1;
  }
  deps.err(`unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  return 1;
}

export async function runProgram(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    await program(deps).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error, deps);
  }
}
