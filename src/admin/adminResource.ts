// The admin API is an API like any other for the provider: the resource `${ISSUER}/admin` with the
// scopes admin:read and admin:write, so an operator gets it tokens with
// `ostiary client add --grant client_credentials --resource ${ISSUER}/admin --scope "admin:read admin:write"`.
// The server's first start (and `ostiary init`) registers it; a start with a new ISSUER adds the new one.
import type { Resource, Store } from '../store/Store.js';

/** Where the admin API's operations are served, under the issuer's path. */
export const ADMIN_PREFIX = '/admin/v1';

export const ADMIN_SCOPES = ['admin:read', 'admin:write'] as const;

/** `${ISSUER}/admin`: the issuer identifier (its path included) and /admin. */
export const adminResourceId = (issuerId: string) => `${issuerId}/admin`;

export async function ensureAdminResource(
  store: Pick<Store, 'resources'>,
  issuerId: string,
  now = Date.now(),
): Promise<void> {
  const id = adminResourceId(issuerId);
  if (await store.resources.get(id)) return;
  const resource: Resource = { id, scope: ADMIN_SCOPES.join(' '), accessTokenTtl: undefined, createdAt: now };
  await store.resources.put(resource);
}
