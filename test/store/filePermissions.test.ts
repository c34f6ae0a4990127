// The embedded store is private to the user that runs Ostiary: DATA_DIR is 0700 and the database
// files (with their WAL and shared-memory files) are 0600, whatever the umask; an older data
// directory with wider modes is narrowed when the store opens.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { createEmbeddedStore, EMBEDDED_FILE } from '../../src/store/embedded/createEmbeddedStore.js';
import { tempDir } from '../helpers/tempDir.js';

const mode = (path: string) => statSync(path).mode & 0o777;

test('DATA_DIR is created 0700 and ostiary.db, -wal and -shm 0600, even with a permissive umask', async (t) => {
  const dataDir = join(tempDir('modes'), 'data');
  const umask = process.umask(0o000);
  try {
    const store = createEmbeddedStore(dataDir);
    await store.artifacts.upsert('Session', 's', { accountId: 'a' }, 60); // the WAL gets written
    t.is(mode(dataDir), 0o700);
    for (const file of [EMBEDDED_FILE, `${EMBEDDED_FILE}-wal`, `${EMBEDDED_FILE}-shm`]) {
      t.true(existsSync(join(dataDir, file)), file);
      t.is(mode(join(dataDir, file)), 0o600, file);
    }
    await store.close();
  } finally {
    process.umask(umask);
  }
});

test('a data directory written with wider modes is narrowed when the store opens', async (t) => {
  const dataDir = tempDir('modes');
  chmodSync(dataDir, 0o755);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, EMBEDDED_FILE), '', { mode: 0o644 });
  chmodSync(join(dataDir, EMBEDDED_FILE), 0o644);
  const store = createEmbeddedStore(dataDir);
  t.teardown(() => store.close());
  t.is(mode(dataDir), 0o700);
  t.is(mode(join(dataDir, EMBEDDED_FILE)), 0o600);
});
