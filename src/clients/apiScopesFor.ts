// The scopes of an API a client may get: those of the client's API scopes (`resource_scope`) that
// the API defines, or all of the API's scopes when the client names none of them.
import type { Resource } from '../store/Store.js';

export function apiScopesFor(clientApiScopes: ReadonlySet<string>, resource: Resource): string[] {
  const defined = resource.scope.split(' ').filter(Boolean);
  const listed = defined.filter((scope) => clientApiScopes.has(scope));
  return listed.length > 0 ? listed : defined;
}
