// At most N password hashes at once, a bounded queue behind them, and a bounded share of both per
// client address. argon2id at OWASP cost takes ~20-40 ms of a core and 19 MiB each; libuv would
// run four at a time, which on a 2-core machine takes the core the event loop needs, so token
// requests slow down during a login storm. Waiting logins queue here instead, and a login is
// refused at once (503) rather than waiting when the queue is full, or when its address already
// holds its share of it (perAddressShare): an unbounded queue turned 72 ms logins into 5 s ones
// under 32 guessing connections, and a burst from one address must not fill the queue for everyone.
import { availableParallelism } from 'node:os';

/** The threads of libuv's pool, where argon2 hashes and tokens are signed (its default: 4). */
const POOL_THREADS = 4;

/**
 * One core stays free for the event loop and one pool thread for signatures (NodeSigningKey signs
 * there): a token never waits behind a login storm's hashes. At least one hash runs.
 */
export const concurrentHashes = (cores: number, poolThreads: number = POOL_THREADS) =>
  Math.max(1, Math.min(cores - 1, poolThreads - 1));

export const DEFAULT_CONCURRENT_HASHES = concurrentHashes(availableParallelism());
/** 8 waiting per running hash: at ~30 ms a hash, a login waits a quarter of a second at most. */
export const WAITING_PER_HASH = 8;
/**
 * The places one address may hold: a fifteenth of what it may try a minute (LOGIN_IP_LIMIT), and
 * at least 2 (a person signs in once at a time; two leave room for a retry). At the default of 30
 * a minute that is 2; a gateway many people share gets its limit raised, and its share with it.
 */
export const perAddressShare = (perAddressPerMinute: number) => Math.max(2, Math.ceil(perAddressPerMinute / 15));

/** The queue is full: try again in a moment. */
export class HashingBusyError extends Error {
  readonly code = 'hashing_busy' as const;

  constructor() {
    super('too many sign-ins are being checked right now');
    this.name = 'HashingBusyError';
  }
}

export interface HashingGate {
  /** Runs `work` when a place is free; `address` names whose share it takes. */
  <T>(work: () => Promise<T>, address?: string): Promise<T>;
  /** True when a hash from `address` would be refused now. */
  full(address?: string): boolean;
}

export function hashingGate(
  limit: number = DEFAULT_CONCURRENT_HASHES,
  maxWaiting: number = limit * WAITING_PER_HASH,
  perAddress: number = perAddressShare(30),
): HashingGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  const held = new Map<string, number>(); // places (running or waiting) per address
  const full = (address?: string) =>
    (running >= limit && waiting.length >= maxWaiting) ||
    (address !== undefined && (held.get(address) ?? 0) >= perAddress);
  async function gated<T>(work: () => Promise<T>, address?: string): Promise<T> {
    if (full(address)) throw new HashingBusyError();
    if (address !== undefined) held.set(address, (held.get(address) ?? 0) + 1);
    try {
      if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        waiting.shift()?.();
      }
    } finally {
      if (address !== undefined) {
        const left = (held.get(address) ?? 1) - 1;
        if (left > 0) held.set(address, left);
        else held.delete(address);
      }
    }
  }
  return Object.assign(gated, { full });
}
