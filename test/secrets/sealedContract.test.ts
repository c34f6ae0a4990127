// The sealed decorator keeps the storage contract: the same suite every backend passes, run on
// a sealed embedded store (its twin opens the same file with the same secret, as a second process would).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSealer } from '../../src/secrets/createSealer.js';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import { sealedStore } from '../../src/store/sealed/sealedStore.js';
import { storeContract } from '../store/contract.js';

storeContract('sealed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ostiary-sealed-'));
  const sealer = createSealer([generateMasterSecret()]);
  const store = sealedStore(createEmbeddedStore(dataDir), sealer);
  return {
    store,
    twin: async () => sealedStore(createEmbeddedStore(dataDir), sealer),
    async cleanup() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
