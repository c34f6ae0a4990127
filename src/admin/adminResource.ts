// The admin API is an API like any other for the provider: the resource `${ISSUER}/admin` with the
// scopes admin:read and admin:write, so an operator gets it tokens with
// `ostiary client add --grant client_credentials --resource ${ISSUER}/admin --scope "admin:read admin:write"`.
// The server's first start (and `ostiary init`) registers it; a start with a new ISSUER adds the new one.
import type { Resource, Store } from '../store/Store.js';

export const ADMIN_SCOPES = ['admin:read', 'admin:write'] as const;

export const adminResourceId = (issuer: URL) => `${issuer.origin}/admin`;

export async function ensureAdminResource(
  store: Pick<Store, 'resources'>,
  issuer: URL,
  now = Date.now(),
): Promise<void> {
  const id = adminResourceId(issuer);
  if (await store.resources.get(id)) return;
  const resource: Resource = { id, scope: ADMIN_SCOPES.join(' '), accessTokenTtl: undefined, createdAt: now };
  await store.resources.put(resource);
}
