// The embedded backend: one SQLite file under DATA_DIR, for a single node with no Redis.
// WAL lets the CLI write while the server reads; expired artifacts and counters are purged once a
// minute. The directory is private to the user (0700) and the database files are 0600: they hold
// sessions, grants and password hashes.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../Store.js';
import { embeddedAccounts } from './embeddedAccounts.js';
import { embeddedArtifacts } from './embeddedArtifacts.js';
import { embeddedClients } from './embeddedClients.js';
import { embeddedLimits } from './embeddedLimits.js';
import { embeddedResources } from './embeddedResources.js';
import { embeddedSettings } from './embeddedSettings.js';
import { migrate } from './migrate.js';
import { LATE_INDEXES, SCHEMA } from './schema.js';

export const EMBEDDED_FILE = 'ostiary.db';
const PURGE_EVERY_MS = 60_000; // 1 minute: expired rows are already invisible, this only frees space
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * SQLite creates the -wal and -shm files with the mode of the database file, so creating that
 * file 0600 first keeps all three private whatever the umask. Files of an older version, created
 * 0644, are narrowed on open.
 */
function openPrivately(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  try {
    chmodSync(dataDir, PRIVATE_DIR); // an existing directory too (mkdir's mode applies to new ones)
  } catch {
    // not ours to change (a mounted volume owned by someone else): the files below stay 0600
  }
  const file = join(dataDir, EMBEDDED_FILE);
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, PRIVATE_FILE);
    } catch {
      // -shm may not exist yet; SQLite gives it the database file's mode when it creates it
    }
  }
  return db;
}

export interface EmbeddedOptions {
  /** The clock expiry is judged by (epoch ms), so a test can let time pass without waiting. */
  readonly now?: () => number;
}

export function createEmbeddedStore(dataDir: string, { now = Date.now }: EmbeddedOptions = {}): Store {
  const db = openPrivately(dataDir);
  // NORMAL in WAL mode survives a process crash; only an OS crash or power loss can drop the
  // last commits. FULL would fsync every token write.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000'); // 5 s: the CLI and the server may write at the same moment
  db.exec(SCHEMA);
  migrate(db);
  db.exec(LATE_INDEXES);

  const purgeArtifacts = db.prepare('DELETE FROM artifacts WHERE expires_at <= ?');
  const purgeLimits = db.prepare('DELETE FROM limits WHERE expires_at <= ?');
  const timer = setInterval(() => {
    purgeArtifacts.run(now());
    purgeLimits.run(now());
  }, PURGE_EVERY_MS);
  timer.unref();

  return {
    kind: 'embedded',
    artifacts: embeddedArtifacts(db, now),
    accounts: embeddedAccounts(db),
    clients: embeddedClients(db),
    resources: embeddedResources(db),
    settings: embeddedSettings(db),
    limits: embeddedLimits(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      clearInterval(timer);
      if (db.open) db.close();
    },
  };
}
