// Opens a CLI test's DATA_DIR as the embedded store, runs `use` and closes it again, so a test can
// seed records or check what a command wrote without another CLI run.
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import type { Store } from '../../src/store/Store.js';

export async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = createEmbeddedStore(dataDir);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
