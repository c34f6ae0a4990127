// The store with its clients and APIs (the catalog) read through a short-lived cache: see
// cachedRecords. createStore applies it under the sealing, so the cache holds client secrets only
// as sealed envelopes.
import type { Store } from '../Store.js';
import { cachedRecords } from './cachedRecords.js';

/** A client or API changed by another process is seen within this time. */
export const CATALOG_MAX_AGE_MS = 1000;
const CATALOG_MAX_ENTRIES = 10_000;

export function cachedCatalog(store: Store, maxAgeMs = CATALOG_MAX_AGE_MS): Store {
  const options = { maxAgeMs, maxEntries: CATALOG_MAX_ENTRIES };
  return {
    ...store,
    clients: cachedRecords(store.clients, (client) => client.client_id, options),
    resources: cachedRecords(store.resources, (resource) => resource.id, options),
  };
}
