// oidc-provider's Client.find, for a client registered in the store, reads its metadata through the
// adapter, then serializes and hashes all of it to find the Client instance it built from the same
// metadata before: on every token, introspection and revocation request, some 10 µs of a token's
// CPU (issue 13). While the client catalog's cache (cachedCatalog, a second) holds a client's
// record, the same record object is handed out (sealedClients keeps what it opened), so the
// instance built for it is found by identity instead. A record read afresh (a change, or a second
// later) goes through oidc-provider's find again.
import type Provider from 'oidc-provider';
import type { ClientStore } from '../store/Store.js';

type Find = (id: unknown) => Promise<unknown>;

export function reuseClients(provider: Provider, clients: Pick<ClientStore, 'peek'>): void {
  const Client = provider.Client as unknown as { find: Find };
  const find: Find = Client.find.bind(Client);
  const instances = new WeakMap<object, unknown>();
  Client.find = async (id) => {
    const record = typeof id === 'string' ? clients.peek?.(id) : undefined;
    if (!record) return find(id); // not in the cache: the adapter reads it (and the cache keeps it)
    const known = instances.get(record);
    if (known) return known;
    // Built from this record, or from a newer one the adapter read meanwhile: never an older one.
    const client = await find(id);
    if (client) instances.set(record, client);
    return client;
  };
}
