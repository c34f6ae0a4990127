// What the CLI and the admin API show of a resource: its stored fields with createdAt as an ISO 8601 time and a
// missing lifetime as null (the server then uses ACCESS_TOKEN_TTL).
import type { Resource } from '../store/Store.js';

export function publicResource(resource: Resource) {
  return {
    id: resource.id,
    scope: resource.scope,
    accessTokenTtl: resource.accessTokenTtl ?? null,
    createdAt: new Date(resource.createdAt).toISOString(),
    claims: [...(resource.claims ?? [])],
  };
}
