// Registers an API (resource server): an absolute URI without fragment as its indicator (the
// tokens' `aud`), the scopes it understands (never openid or offline_access, which are the
// provider's), and optionally its own access token lifetime. An indicator is registered once.
import { type Change, recordChange } from '../audit/Change.js';
import { OIDC_SCOPES } from '../clients/ClientSettings.js';
import { scopeTokens } from '../clients/scopeTokens.js';
import type { Resource, Store } from '../store/Store.js';
import { checkTokenClaims } from './checkTokenClaims.js';
import { ResourceError } from './ResourceError.js';

export interface NewResource {
  readonly id: string;
  /** Space-separated scopes, such as "read write". */
  readonly scope: string;
  /** Seconds; undefined uses ACCESS_TOKEN_TTL. */
  readonly accessTokenTtl?: number | undefined;
  /** The account claims its tokens carry (roles, groups, attribute keys). */
  readonly claims?: readonly string[] | undefined;
}

/** The provider's own scopes (the OpenID ones), never an API's. */
export const RESERVED_SCOPES: readonly string[] = OIDC_SCOPES;

export function checkResourceId(id: string): string {
  try {
    new URL(id);
  } catch {
    throw new ResourceError('invalid', 'id', `an absolute URI such as https://api.example.com, got "${id}"`);
  }
  if (id.includes('#')) throw new ResourceError('invalid', 'id', `must not contain a fragment (#), got "${id}"`);
  return id;
}

export async function registerResource(
  store: Pick<Store, 'resources'>,
  input: NewResource,
  change: Change,
  now = Date.now(),
): Promise<Resource> {
  const id = checkResourceId(input.id);
  const parsed = scopeTokens(input.scope, RESERVED_SCOPES);
  if ('problem' in parsed) throw new ResourceError('invalid', 'scope', parsed.problem);
  const ttl = input.accessTokenTtl;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) {
    throw new ResourceError('invalid', 'ttl', 'a positive whole number of seconds');
  }
  if (await store.resources.get(id)) throw new ResourceError('taken', 'id', `${id} is already registered`);
  const claims = checkTokenClaims(input.claims ?? []);
  const resource: Resource = {
    id,
    scope: parsed.tokens.join(' '),
    accessTokenTtl: ttl,
    createdAt: now,
    ...(claims.length ? { claims } : {}),
  };
  await store.resources.put(resource);
  recordChange(change, { event: 'resource.created', details: { resource: id } });
  return resource;
}
