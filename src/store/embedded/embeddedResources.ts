// Registered APIs (resource servers) in SQLite.
import type { Database } from 'better-sqlite3';
import type { Resource, ResourceStore } from '../Store.js';

interface Row {
  id: string;
  scope: string;
  access_token_ttl: number | null;
  created_at: number;
  claims: string | null;
}

const toResource = (row: Row): Resource => ({
  id: row.id,
  scope: row.scope,
  accessTokenTtl: row.access_token_ttl ?? undefined,
  createdAt: row.created_at,
  ...(row.claims ? { claims: row.claims.split(' ') } : {}),
});

export function embeddedResources(db: Database): ResourceStore {
  const get = db.prepare('SELECT * FROM resources WHERE id = ?');
  const put = db.prepare(
    'INSERT OR REPLACE INTO resources (id, scope, access_token_ttl, created_at, claims) VALUES (?, ?, ?, ?, ?)',
  );
  const all = db.prepare('SELECT * FROM resources ORDER BY id');
  const remove = db.prepare('DELETE FROM resources WHERE id = ?');

  return {
    async get(id) {
      const row = get.get(id) as Row | undefined;
      return row && toResource(row);
    },
    async put(resource) {
      const claims = resource.claims?.length ? resource.claims.join(' ') : null;
      put.run(resource.id, resource.scope, resource.accessTokenTtl ?? null, resource.createdAt, claims);
    },
    async list() {
      return (all.all() as Row[]).map(toResource);
    },
    async remove(id) {
      return remove.run(id).changes === 1;
    },
  };
}
