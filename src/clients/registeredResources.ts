// The registered APIs by id, for checking a client's resources and scopes against them.
import type { Resource, Store } from '../store/Store.js';

export async function registeredResources(store: Pick<Store, 'resources'>): Promise<Map<string, Resource>> {
  return new Map((await store.resources.list()).map((resource) => [resource.id, resource]));
}
