// Decorates a store so secret material is sealed at rest (src/secrets): settings documents (signing
// keys, cookie secrets) whole, each client's client_secret and each account's TOTP secret.
// Artifacts, password hashes and resources pass through unchanged. createStore applies it, so the server and
// the `ostiary` command both read and write through it.
import type { Sealer } from '../../secrets/Sealer.js';
import type { Store } from '../Store.js';
import { sealedAccounts } from './sealedAccounts.js';
import { sealedClients } from './sealedClients.js';
import { sealedSettings } from './sealedSettings.js';

export function sealedStore(store: Store, sealer: Sealer): Store {
  return {
    ...store,
    accounts: sealedAccounts(store.accounts, sealer),
    clients: sealedClients(store.clients, sealer),
    settings: sealedSettings(store.settings, sealer),
  };
}
