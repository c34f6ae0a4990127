// Keeps what `get` read for a short while, so the token endpoint does not read its client and
// its API from the store on every request (both change rarely; a token request needs both).
// Writes through this object drop the entry at once; a change made elsewhere (the `ostiary`
// command, another instance) is seen once the entry is `maxAgeMs` old. Misses are not kept: a
// client registered elsewhere works at once, and unknown ids cannot fill the memory.
import type { RecordStore } from '../Store.js';

export interface RecordCacheOptions {
  /** How long a read stays valid. */
  readonly maxAgeMs: number;
  /** The most records kept; the one read from the backend longest ago goes first. */
  readonly maxEntries: number;
  /** Milliseconds on a monotonic clock. */
  readonly now?: () => number;
}

export function cachedRecords<T>(
  records: RecordStore<T>,
  idOf: (record: T) => string,
  { maxAgeMs, maxEntries, now = () => performance.now() }: RecordCacheOptions,
): RecordStore<T> {
  const entries = new Map<string, { readonly record: T; readonly until: number }>();
  // Bumped by every write: a read that overlapped a write may have seen the old record, so it is
  // given to its caller but not kept.
  let writes = 0;
  const forget = (id: string) => {
    writes += 1;
    entries.delete(id);
  };

  const peek = (id: string) => {
    const kept = entries.get(id);
    return kept && kept.until > now() ? kept.record : undefined;
  };

  return {
    peek,
    async get(id) {
      const kept = peek(id);
      if (kept !== undefined) return kept;
      const writesBefore = writes;
      const record = await records.get(id);
      if (record === undefined || writes !== writesBefore) {
        entries.delete(id);
        return record;
      }
      entries.delete(id); // re-inserted last: the map's order is the order of backend reads
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(id, { record, until: now() + maxAgeMs });
      return record;
    },
    async put(record) {
      try {
        await records.put(record);
      } finally {
        forget(idOf(record));
      }
    },
    list: () => records.list(),
    async remove(id) {
      try {
        return await records.remove(id);
      } finally {
        forget(id);
      }
    },
  };
}
