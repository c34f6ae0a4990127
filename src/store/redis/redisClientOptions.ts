// How Ostiary configures ioredis, and why. The defaults suit a cache; for a store that every token
// request waits on, a stalled or absent Redis must fail fast (a 503) and recover by itself.
import type { ClusterOptions, RedisOptions } from 'ioredis';

/** Reconnect delay: 100 ms, 200 ms, ... capped at 500 ms, forever. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 100, 500);

/** Options for a single server (redis:// and rediss:// URLs). */
export const redisClientOptions: RedisOptions = {
  // 1000 ms: no command waits longer. ioredis has no timeout by default, so a stalled Redis would
  // hang every request; a token endpoint answering 503 after 1 s beats one that never answers.
  commandTimeout: 1000,
  // 1000 ms to open the socket: a half-open network path is given up quickly and retried.
  connectTimeout: 1000,
  // 0: a command caught by a dropped connection fails right away instead of being sent again after
  // the reconnect. It may already have run; re-running a consume or an account create would report
  // the wrong outcome, so the caller gets a StoreUnavailableError and the client retries the request.
  maxRetriesPerRequest: 0,
  // Same reason: never resend a command whose caller has already been told it failed.
  autoResendUnfulfilledCommands: false,
  // false: while disconnected, commands fail at once instead of queueing in memory until Redis
  // returns (a queue that grows with traffic and answers long after the client gave up).
  enableOfflineQueue: false,
  // Keep reconnecting, at most 500 ms apart, forever: service resumes within about half a second
  // of Redis coming back, and a long outage never leaves the process permanently disconnected.
  retryStrategy: reconnectDelay,
};

/** Options for a Redis Cluster; the per-node options are the same as for a single server. */
export const clusterClientOptions: ClusterOptions = {
  enableOfflineQueue: false,
  clusterRetryStrategy: reconnectDelay,
  redisOptions: {
    commandTimeout: redisClientOptions.commandTimeout,
    connectTimeout: redisClientOptions.connectTimeout,
    maxRetriesPerRequest: redisClientOptions.maxRetriesPerRequest,
    autoResendUnfulfilledCommands: redisClientOptions.autoResendUnfulfilledCommands,
  },
};
