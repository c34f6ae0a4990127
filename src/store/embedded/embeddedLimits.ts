// Throttling counters in SQLite, one row per key. Each call is one IMMEDIATE transaction (read,
// decide, write), which SQLite serialises across processes, so WORKERS and the CLI share exact
// counts. A row past expires_at reads as empty; the store's purge deletes it later.
import type { Database } from 'better-sqlite3';
import type { AttemptOutcome, LimitStore, LockoutRule } from '../Store.js';

interface Row {
  count: number;
  locked_until: number;
  expires_at: number;
}

const EMPTY: Row = { count: 0, locked_until: 0, expires_at: 0 };

export function embeddedLimits(db: Database): LimitStore {
  const get = db.prepare('SELECT count, locked_until, expires_at FROM limits WHERE key = ?');
  const put = db.prepare('INSERT OR REPLACE INTO limits (key, count, locked_until, expires_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM limits WHERE key = ?');
  const live = (key: string, now: number): Row => {
    const row = get.get(key) as Row | undefined;
    return row && row.expires_at > now ? row : EMPTY;
  };

  const count = db.transaction((key: string, windowMs: number, now: number, by: number) => {
    const row = live(key, now);
    if (row === EMPTY && by <= 0) return { count: 0, resetAt: now };
    const expiresAt = row === EMPTY ? now + windowMs : row.expires_at;
    const total = Math.max(0, row.count + by);
    put.run(key, total, 0, expiresAt);
    return { count: total, resetAt: expiresAt };
  });

  const attempt = db.transaction((key: string, rule: LockoutRule, now: number): AttemptOutcome => {
    const row = live(key, now);
    if (row.locked_until > now) return { allowed: false, retryAfterMs: row.locked_until - now };
    const attempts = row.count + 1;
    const step = attempts - rule.limit;
    const lockedUntil = step >= 0 ? now + (rule.locksMs[Math.min(step, rule.locksMs.length - 1)] ?? 0) : 0;
    put.run(key, attempts, lockedUntil, Math.max(now, lockedUntil) + rule.windowMs);
    return { allowed: true, attempts, lockedUntil };
  });

  return {
    async count(key, windowMs, now, by = 1) {
      return count.immediate(key, windowMs, now, by);
    },
    async attempt(key, rule, now) {
      return attempt.immediate(key, rule, now);
    },
    async peek(key, now) {
      const row = live(key, now);
      return { attempts: row.count, lockedUntil: row.locked_until > now ? row.locked_until : 0 };
    },
    async reset(key) {
      remove.run(key);
    },
  };
}
