// Registered clients in SQLite, as the JSON metadata oidc-provider validates on every load.
import type { Database } from 'better-sqlite3';
import type { ClientMetadata, ClientStore } from '../Store.js';

export function embeddedClients(db: Database): ClientStore {
  const get = db.prepare('SELECT metadata FROM clients WHERE client_id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO clients (client_id, metadata) VALUES (?, ?)');
  const all = db.prepare('SELECT metadata FROM clients ORDER BY client_id');
  const remove = db.prepare('DELETE FROM clients WHERE client_id = ?');
  const parse = (row: unknown) => JSON.parse((row as { metadata: string }).metadata) as ClientMetadata;

  return {
    async get(clientId) {
      const row = get.get(clientId);
      return row ? parse(row) : undefined;
    },
    async put(metadata) {
      put.run(metadata.client_id, JSON.stringify(metadata));
    },
    async list() {
      return all.all().map(parse);
    },
    async remove(clientId) {
      return remove.run(clientId).changes === 1;
    },
  };
}
