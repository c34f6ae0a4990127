// An embedded store in a fresh DATA_DIR for the storage contract, on a clock the test moves
// (passTime) instead of waiting, and a twin on the same file and clock, as a second process would
// open it. `wrap` puts a decorator (sealing, caching) over each handle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import type { Store } from '../../src/store/Store.js';
import type { StoreFixture } from './contract.js';

export function embeddedFixture(name: string, wrap: (store: Store) => Store = (store) => store): StoreFixture {
  const dataDir = mkdtempSync(join(tmpdir(), `ostiary-${name}-`));
  let passed = 0;
  const now = () => Date.now() + passed;
  const store = wrap(createEmbeddedStore(dataDir, { now }));
  return {
    store,
    twin: async () => wrap(createEmbeddedStore(dataDir, { now })),
    async cleanup() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async passTime(ms) {
      passed += ms;
    },
  };
}
