// Named JSON documents in SQLite. INSERT OR IGNORE makes `initialize` first-writer-wins, so two
// processes starting on a fresh DATA_DIR end up with the same keys.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SettingStore } from '../Store.js';

export function embeddedSettings(db: Database): SettingStore {
  const get = db.prepare('SELECT value FROM settings WHERE name = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)');
  const put = db.prepare('INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)');
  const read = <T>(name: string) => {
    const row = get.get(name) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  };
  const revisionOf = (raw: string) => createHash('sha1').update(raw).digest('hex');
  // better-sqlite3 runs a transaction synchronously and SQLite serialises writers on the file, so
  // the compare and the write cannot interleave with another process's.
  const swap = db.transaction((name: string, revision: string, raw: string) => {
    const row = get.get(name) as { value: string } | undefined;
    if (!row || revisionOf(row.value) !== revision) return false;
    put.run(name, raw);
    return true;
  });

  return {
    async get<T>(name: string) {
      return read<T>(name);
    },
    async read<T>(name: string) {
      const row = get.get(name) as { value: string } | undefined;
      return row ? { value: JSON.parse(row.value) as T, revision: revisionOf(row.value) } : undefined;
    },
    async swap(name, revision, value) {
      return swap.immediate(name, revision, JSON.stringify(value));
    },
    async initialize<T>(name: string, value: T) {
      insert.run(name, JSON.stringify(value));
      return read<T>(name) as T;
    },
    async put(name, value) {
      put.run(name, JSON.stringify(value));
    },
  };
}
