// The process's logger: JSON lines with an ISO time, at LOG_LEVEL, errors described by
// describeError. One per process; everything below main.ts receives it.
//
// Standard output is written asynchronously and in batches, so a request never waits for it (a
// slow terminal, a stalled log collector). What a request line costs is mostly building and
// serializing it (pino) and, per batch, one write to the pipe; the time is formatted once a second
// (isoTimestamp). Profiled, the line is 6-8 µs of a token's CPU (bench/PERFORMANCE.md). Lines wait at most FLUSH_EVERY_MS, or until a batch fills; `flushLogs` (on SIGTERM) and the
// exit handler pino registers (on any exit, a crash included) write what is left: nothing is lost.
import { type DestinationStream, type Logger, pino } from 'pino';
import { describeError } from './describeError.js';
import { isoTimestamp } from './isoTimestamp.js';

/**
 * A batch is written once it holds this many bytes (some 70 request lines)... Each write to a pipe
 * costs the same whatever its size: 4 KiB batches cost about 1.5 % of a token request's CPU.
 */
const BATCH_BYTES = 16_384;
/** The most one write may carry (a pipe's whole buffer): a batch must fit (sonic-boom's rule). */
const MAX_WRITE_BYTES = 65_536;
/** ...or this long after its first line, whichever comes first. */
const FLUSH_EVERY_MS = 200;

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: isoTimestamp(),
    // An Error is described with its stack; one a caller described already (describeError with
    // `expected`) is logged as it is.
    serializers: { err: (error: unknown) => (error instanceof Error ? describeError(error) : error) },
  };
  return pino(
    options,
    destination ??
      pino.destination({
        dest: 1,
        sync: false,
        minLength: BATCH_BYTES,
        maxWrite: MAX_WRITE_BYTES,
        periodicFlush: FLUSH_EVERY_MS,
      }),
  );
}

/** Writes every line still waiting in the batch (before a deliberate exit). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
