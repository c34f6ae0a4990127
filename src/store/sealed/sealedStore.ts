// Decorates a store so secret material is sealed at rest (src/secrets): settings documents (signing
// keys, cookie secrets) whole, and each client's client_secret. Artifacts, accounts (argon2id
// hashes already) and resources pass through unchanged. createStore applies it, so the server and
// the `ostiary` command both read and write through it.
import type { Sealer } from '../../secrets/Sealer.js';
import type { Store } from '../Store.js';
import { sealedClients } from './sealedClients.js';
import { sealedSettings } from './sealedSettings.js';

export function sealedStore(store: Store, sealer: Sealer): Store {
  return {
    ...store,
    clients: sealedClients(store.clients, sealer),
    settings: sealedSettings(store.settings, sealer),
  };
}
