// The embedded backend: one SQLite file under DATA_DIR, for a single node with no Redis.
// WAL lets the CLI write while the server reads; expired artifacts are purged once a minute.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../Store.js';
import { embeddedAccounts } from './embeddedAccounts.js';
import { embeddedArtifacts } from './embeddedArtifacts.js';
import { embeddedClients } from './embeddedClients.js';
import { embeddedResources } from './embeddedResources.js';
import { embeddedSettings } from './embeddedSettings.js';
import { SCHEMA } from './schema.js';

export const EMBEDDED_FILE = 'ostiary.db';
const PURGE_EVERY_MS = 60_000; // 1 minute: expired rows are already invisible, this only frees space

export function createEmbeddedStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, EMBEDDED_FILE));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash; only an OS crash or power loss can drop the
  // last commits. FULL would fsync every token write.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000'); // 5 s: the CLI and the server may write at the same moment
  db.exec(SCHEMA);

  const purge = db.prepare('DELETE FROM artifacts WHERE expires_at <= ?');
  const timer = setInterval(() => purge.run(Date.now()), PURGE_EVERY_MS);
  timer.unref();

  return {
    kind: 'embedded',
    artifacts: embeddedArtifacts(db),
    accounts: embeddedAccounts(db),
    clients: embeddedClients(db),
    resources: embeddedResources(db),
    settings: embeddedSettings(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      clearInterval(timer);
      if (db.open) db.close();
    },
  };
}
