// Runs one `ostiary` command line and returns the exit code: 0 done, 1 not found, store or server
// unavailable, 2 bad usage, configuration, refused credentials, or no store where the
// configuration points. Expected
// errors print one line naming what to fix (with --json: one object {"error": {"code",
// "message"}} on stdout instead); only a bug prints a stack trace.
import { CommanderError } from 'commander';
import { Problem } from '../admin/Problem.js';
import { ConfigError } from '../config/ConfigError.js';
import { SealError } from '../secrets/SealError.js';
import { StoreNotFoundError, StoreUnavailableError } from '../store/errors.js';
import type { CliDeps } from './CliDeps.js';
import { NotFoundError, ServerError, UsageError } from './errors.js';
import { flagOfField } from './flagOfField.js';
import { program } from './program.js';

interface Failure {
  readonly exitCode: number;
  readonly code: string;
  /** For people; undefined when commander has printed it already. */
  readonly message: string;
  readonly printed?: boolean;
}

function failureOf(error: unknown): Failure {
  if (error instanceof CommanderError) {
    const message = error.message.replace(/^error: /, '');
    return { exitCode: error.exitCode === 0 ? 0 : 2, code: 'usage', message, printed: true };
  }
  if (error instanceof UsageError || error instanceof NotFoundError) {
    return { exitCode: error.exitCode, code: error.code, message: `error: ${error.message}` };
  }
  if (error instanceof Problem) return failureOfProblem(error);
  if (error instanceof ServerError) return { exitCode: 1, code: error.code, message: `error: ${error.message}` };
  if (error instanceof ConfigError) {
    return { exitCode: 2, code: 'configuration', message: error.lines().trimEnd() };
  }
  if (error instanceof StoreNotFoundError) return { exitCode: 2, code: error.code, message: `error: ${error.message}` };
  if (error instanceof SealError) return { exitCode: 1, code: 'sealed', message: `error: ${error.message}` };
  if (error instanceof StoreUnavailableError)
    return { exitCode: 1, code: error.code, message: `error: ${error.message}` };
  const detail = error instanceof Error ? error.stack : String(error);
  return { exitCode: 1, code: 'internal', message: `unexpected error: ${detail}` };
}

/** An admin operation refused, here or on the server: said as the same refusal from either. */
function failureOfProblem(problem: Problem): Failure {
  switch (problem.kind) {
    case 'not_found':
      return { exitCode: 1, code: 'not_found', message: `error: ${problem.detail}` };
    case 'invalid_request':
    case 'conflict': {
      const fields = problem.errors.map((each) => `${flagOfField(each.field)}: ${each.message}`);
      return { exitCode: 2, code: 'usage', message: `error: ${fields.length ? fields.join('; ') : problem.detail}` };
    }
    case 'unavailable':
      return { exitCode: 1, code: 'store_unavailable', message: `error: ${problem.detail}` };
    default:
      return { exitCode: 1, code: problem.kind, message: `error: ${problem.detail}` };
  }
}

export async function runProgram(argv: readonly string[], deps: CliDeps): Promise<number> {
  const json = argv.includes('--json');
  try {
    await program(deps, { json }).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    const failure = failureOf(error);
    if (failure.exitCode === 0) return 0; // --help or --version, already printed
    if (json) {
      const message = failure.message
        .split('\n')
        .map((line) => line.replace(/^(?:configuration error|error|unexpected error): /, ''))
        .join('; ');
      deps.out(`${JSON.stringify({ error: { code: failure.code, message } })}\n`);
    } else if (!failure.printed) {
      deps.err(`${failure.message}\n`);
    }
    return failure.exitCode;
  }
}
