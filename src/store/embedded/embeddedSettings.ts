// Named JSON documents in SQLite. INSERT OR IGNORE makes `initialize` first-writer-wins, so two
// processes starting on a fresh DATA_DIR end up with the same keys.
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

  return {
    async get<T>(name: string) {
      return read<T>(name);
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
