// Unregisters a client. Its tokens stop working as soon as servers see the removal (within a
// second: the catalog cache), since every token request and introspection looks the client up.
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { ClientError } from './ClientError.js';

export async function removeClient(store: Pick<Store, 'clients'>, clientId: string, change: Change): Promise<void> {
  if (!(await store.clients.remove(clientId))) throw new ClientError('not_found', 'client_id', `no client ${clientId}`);
  recordChange(change, { event: 'client.removed', clientId });
}
