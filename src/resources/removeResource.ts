// Unregisters an API. While clients still list it the removal is refused (their tokens would
// name an API that no longer exists) unless forced; the error names those clients.
import { type Change, recordChange } from '../audit/Change.js';
import { settingsOf } from '../clients/clientMetadata.js';
import type { Store } from '../store/Store.js';
import { ResourceError } from './ResourceError.js';

export async function removeResource(
  store: Pick<Store, 'resources' | 'clients'>,
  id: string,
  { force = false }: { readonly force?: boolean },
  change: Change,
): Promise<void> {
  if (!(await store.resources.get(id))) throw new ResourceError('not_found', 'id', `no resource ${id}`);
  const users = (await store.clients.list()).filter((client) => settingsOf(client).resources.includes(id));
  if (users.length && !force) {
    const ids = `client${users.length === 1 ? '' : 's'} ${users.map((client) => client.client_id).join(', ')}`;
    throw new ResourceError('in_use', 'id', `${id} is an API of ${ids}; change them first`);
  }
  if (!(await store.resources.remove(id))) throw new ResourceError('not_found', 'id', `no resource ${id}`);
  recordChange(change, { event: 'resource.removed', details: { resource: id } });
}
