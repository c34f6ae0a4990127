// Changes a registered API: its scopes (replaced whole) and its access token lifetime (`null`
// goes back to ACCESS_TOKEN_TTL). A scope that a client of the API was limited to cannot be
// dropped unless forced, since that client would be refused it (invalid_scope); the error names
// those clients. Servers see the change within a second (the catalog cache).
import { type Change, recordChange } from '../audit/Change.js';
import { settingsOf } from '../clients/clientMetadata.js';
import { scopeTokens } from '../clients/scopeTokens.js';
import type { Resource, Store } from '../store/Store.js';
import { checkTokenClaims } from './checkTokenClaims.js';
import { ResourceError } from './ResourceError.js';
import { RESERVED_SCOPES } from './registerResource.js';

export interface ResourceChanges {
  /** Space-separated scopes replacing the current ones. */
  readonly scope?: string | undefined;
  /** Seconds, or null for ACCESS_TOKEN_TTL; undefined leaves it. */
  readonly accessTokenTtl?: number | null | undefined;
  /** The account claims its tokens carry, replacing the old list ([] for none); undefined leaves it. */
  readonly claims?: readonly string[] | undefined;
}

export async function updateResource(
  store: Pick<Store, 'resources' | 'clients'>,
  id: string,
  changes: ResourceChanges,
  { force = false }: { readonly force?: boolean },
  change: Change,
): Promise<Resource> {
  const current = await store.resources.get(id);
  if (!current) throw new ResourceError('not_found', 'id', `no resource ${id}`);
  if (changes.scope === undefined && changes.accessTokenTtl === undefined && changes.claims === undefined) {
    throw new ResourceError('invalid', 'scope', 'nothing to change: give a new scope, lifetime or claims');
  }
  let scope = current.scope;
  if (changes.scope !== undefined) {
    const parsed = scopeTokens(changes.scope, RESERVED_SCOPES);
    if ('problem' in parsed) throw new ResourceError('invalid', 'scope', parsed.problem);
    const dropped = current.scope.split(' ').filter((each) => !parsed.tokens.includes(each));
    const limited = (await store.clients.list()).filter((client) => {
      const settings = settingsOf(client);
      return settings.resources.includes(id) && dropped.some((each) => settings.scope?.includes(each));
    });
    if (limited.length && !force) {
      const ids = limited.map((client) => client.client_id).join(', ');
      throw new ResourceError('in_use', 'scope', `${dropped.join(' ')} is listed by ${ids}; change them first`);
    }
    scope = parsed.tokens.join(' ');
  }
  const ttl = changes.accessTokenTtl === undefined ? current.accessTokenTtl : (changes.accessTokenTtl ?? undefined);
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) {
    throw new ResourceError('invalid', 'ttl', 'a positive whole number of seconds');
  }
  const claims = changes.claims === undefined ? (current.claims ?? []) : checkTokenClaims(changes.claims);
  const { claims: _claims, ...rest } = current;
  const updated: Resource = { ...rest, scope, accessTokenTtl: ttl, ...(claims.length ? { claims } : {}) };
  await store.resources.put(updated);
  const changed = [
    ...(changes.scope === undefined ? [] : ['scope']),
    ...(changes.accessTokenTtl === undefined ? [] : ['ttl']),
    ...(changes.claims === undefined ? [] : ['claims']),
  ];
  recordChange(change, { event: 'resource.updated', details: { resource: id, changed } });
  return updated;
}
