// Decides whether an error from ioredis means "Redis cannot serve us right now" (then it becomes a
// StoreUnavailableError, a 503 upstream) or is a bug worth a stack trace (kept as it is).
import { ReplyError } from 'ioredis';
import { StoreUnavailableError } from '../errors.js';

/** Server replies that mean "not now" rather than "wrong command". */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY|OOM)\b/;

/** ioredis's own transport errors (named ones, and the plain Errors it builds from messages). */
const TRANSPORT_NAME = /^(MaxRetriesPerRequestError|ClusterAllFailedError|AbortError)$/;
const TRANSPORT_MESSAGE =
  /Command timed out|Connection is closed|isn't writeable|isn't ready|Cluster is disconnect|None of startup nodes|Node is disconnected|Too many Cluster redirections|Socket timeout|connect ETIMEDOUT/;

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return false;
  if (error instanceof ReplyError) return TRANSIENT_REPLY.test(error.message);
  if (TRANSPORT_NAME.test(error.name)) return true;
  // A socket error from node:net (ECONNREFUSED, ECONNRESET, EPIPE, ...) carries its syscall.
  if ('syscall' in error) return true;
  return TRANSPORT_MESSAGE.test(error.message);
}

export function toStoreError(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  const message = `Redis is unavailable: ${(error as Error).message}`;
  return new StoreUnavailableError(message, { cause: error });
}
