// Opens a CLI test's DATA_DIR as the CLI does (the embedded store, sealed with the DATA_DIR's
// development secret), runs `use` and closes it again, so a test can seed records or check what a
// command wrote without another CLI run.
import { loadConfig } from '../../src/config/loadConfig.js';
import { createStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/Store.js';

export async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await createStore(loadConfig({ DATA_DIR: dataDir }));
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
