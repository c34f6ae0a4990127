// At most N password hashes at once, and a bounded queue behind them. argon2id at OWASP cost takes
// ~20-40 ms of a core and 19 MiB each; libuv would run four at a time, which on a 2-core machine
// takes the core the event loop needs, so token requests slow down during a login storm. Waiting
// logins queue here instead, and when the queue is full a login is refused at once (503) rather
// than waiting behind a flood: an unbounded queue turned 72 ms logins into 5 s ones under 32
// guessing connections.
import { availableParallelism } from 'node:os';

/** One core stays free for the event loop; at least one hash runs. */
export const DEFAULT_CONCURRENT_HASHES = Math.max(1, availableParallelism() - 1);
/** 8 waiting per running hash: at ~30 ms a hash, a login waits a quarter of a second at most. */
export const WAITING_PER_HASH = 8;

/** The queue is full: try again in a moment. */
export class HashingBusyError extends Error {
  readonly code = 'hashing_busy' as const;

  constructor() {
    super('too many sign-ins are being checked right now');
    this.name = 'HashingBusyError';
  }
}

export interface HashingGate {
  <T>(work: () => Promise<T>): Promise<T>;
  /** True when a new hash would be refused. */
  full(): boolean;
}

export function hashingGate(
  limit: number = DEFAULT_CONCURRENT_HASHES,
  maxWaiting: number = limit * WAITING_PER_HASH,
): HashingGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  const full = () => running >= limit && waiting.length >= maxWaiting;
  async function gated<T>(work: () => Promise<T>): Promise<T> {
    if (full()) throw new HashingBusyError();
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  }
  return Object.assign(gated, { full });
}
