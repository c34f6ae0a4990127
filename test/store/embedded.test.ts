// The storage contract against the embedded SQLite backend: a fresh DATA_DIR per store, and a
// twin that opens the same file as a second process would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import { storeContract } from './contract.js';

storeContract('embedded', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ostiary-store-'));
  const store = createEmbeddedStore(dataDir);
  return {
    store,
    twin: async () => createEmbeddedStore(dataDir),
    async cleanup() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
