// At most N password hashes at once. argon2id at OWASP cost takes ~20-40 ms of a core and 19 MiB
// each; libuv would run four at a time, which on a 2-core machine takes the core the event loop
// needs, so token requests slow down during a login storm. Waiting logins queue here instead.
import { availableParallelism } from 'node:os';

/** One core stays free for the event loop; at least one hash runs. */
export const DEFAULT_CONCURRENT_HASHES = Math.max(1, availableParallelism() - 1);

export function hashingGate(limit: number = DEFAULT_CONCURRENT_HASHES) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function gated<T>(work: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
