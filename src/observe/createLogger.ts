// The process's logger: JSON lines with an ISO time, at LOG_LEVEL, errors described by
// describeError. One per process; everything below main.ts receives it.
//
// Standard output is written asynchronously and in batches: a line per request written
// synchronously cost 15-25 % of token throughput (a write(2) each, on the request's path). Lines
// wait at most FLUSH_EVERY_MS, or until a batch fills; `flushLogs` (on SIGTERM) and the exit
// handler pino registers (on any exit, a crash included) write what is left, so nothing is lost.
import { type DestinationStream, type Logger, pino, stdTimeFunctions } from 'pino';
import { describeError } from './describeError.js';

/** A batch is written once it holds this many bytes... */
const BATCH_BYTES = 4096;
/** ...or this long after its first line, whichever comes first. */
const FLUSH_EVERY_MS = 200;

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: stdTimeFunctions.isoTime,
    // An Error is described with its stack; one a caller described already (describeError with
    // `expected`) is logged as it is.
    serializers: { err: (error: unknown) => (error instanceof Error ? describeError(error) : error) },
  };
  return pino(
    options,
    destination ?? pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES, periodicFlush: FLUSH_EVERY_MS }),
  );
}

/** Writes every line still waiting in the batch (before a deliberate exit). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
