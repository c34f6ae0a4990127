// The life of a key, for signing keys and cookie secrets alike: next (published or known, not
// signing) → current (signs; one per group) → retired (still verifies) → removed. Pure functions
// over a list of records; callers store the result with a compare-and-swap.
import type { Lifecycle } from './SigningKeyRecord.js';

/** How to tell records apart, and which records compete for "current" (a group). */
export interface KeyKind<T> {
  id(record: T): string;
  group(record: T): string;
}

/** Makes the record `id` current now; the current key of its group retires until now + retainMs. */
export function promote<T extends Lifecycle>(
  records: readonly T[],
  id: string,
  kind: KeyKind<T>,
  now: number,
  retainMs: number,
): T[] {
  const target = records.find((record) => kind.id(record) === id);
  if (!target) return [...records];
  return records.map((record) => {
    if (record === target) return { ...record, state: 'current', activatesAt: undefined };
    if (record.state === 'current' && kind.group(record) === kind.group(target)) {
      return { ...record, state: 'retired', removeAt: now + retainMs };
    }
    return record;
  });
}

/** Applies every transition that is due: next keys whose time has come, retired keys past removal. */
export function advance<T extends Lifecycle>(
  records: readonly T[],
  kind: KeyKind<T>,
  now: number,
  retainMs: number,
): T[] {
  const due = records.filter((r) => r.state === 'next' && r.activatesAt !== undefined && r.activatesAt <= now);
  let result = [...records];
  for (const record of due) result = promote(result, kind.id(record), kind, now, retainMs);
  return result.filter((r) => !(r.state === 'retired' && r.removeAt !== undefined && r.removeAt <= now));
}

/** The groups whose current key is older than `intervalMs` and that have no next key waiting. */
export function dueForRotation<T extends Lifecycle>(
  records: readonly T[],
  kind: KeyKind<T>,
  now: number,
  intervalMs: number,
): string[] {
  const waiting = new Set(records.filter((r) => r.state === 'next').map(kind.group));
  return records
    .filter((r) => r.state === 'current' && r.createdAt + intervalMs <= now && !waiting.has(kind.group(r)))
    .map(kind.group);
}

/** Current first, then next, then retired (newest first within each): the first key of a group signs. */
export function signingOrder<T extends Lifecycle>(records: readonly T[]): T[] {
  const rank = { current: 0, next: 1, retired: 2 } as const;
  return [...records].sort((a, b) => rank[a.state] - rank[b.state] || b.createdAt - a.createdAt);
}

/** Whether a transition produced anything new (records are replaced, never mutated). */
export const changed = <T>(before: readonly T[], after: readonly T[]) =>
  before.length !== after.length || before.some((record, index) => record !== after[index]);
