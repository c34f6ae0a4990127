// The process's logger: JSON lines with an ISO time, at LOG_LEVEL, errors described by
// describeError. One per process; everything below main.ts receives it.
import { type DestinationStream, type Logger, pino, stdTimeFunctions } from 'pino';
import { describeError } from './describeError.js';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: stdTimeFunctions.isoTime,
    // An Error is described with its stack; one a caller described already (describeError with
    // `expected`) is logged as it is.
    serializers: { err: (error: unknown) => (error instanceof Error ? describeError(error) : error) },
  };
  return destination ? pino(options, destination) : pino(options);
}
