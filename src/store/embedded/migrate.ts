// Brings a database file written by an earlier version up to the current schema, in one
// transaction: columns added since are created, and filled from what the rows already hold, so an
// upgraded store revokes its older sessions and grants by account like new ones.
import type { Database } from 'better-sqlite3';
import { ACCOUNT_BOUND_MODELS } from '../Store.js';

const accountBound = [...ACCOUNT_BOUND_MODELS].map((model) => `'${model}'`).join(', ');

interface Column {
  readonly table: string;
  readonly name: string;
  readonly definition: string;
  /** Fills the new column for existing rows. */
  readonly backfill?: string;
}

const ADDED_COLUMNS: readonly Column[] = [
  { table: 'accounts', name: 'disabled', definition: 'INTEGER NOT NULL DEFAULT 0' },
  { table: 'accounts', name: 'revoked_at', definition: 'INTEGER' },
  { table: 'accounts', name: 'factors', definition: 'TEXT' },
  { table: 'accounts', name: 'claims', definition: 'TEXT' },
  { table: 'resources', name: 'claims', definition: 'TEXT' },
  {
    table: 'artifacts',
    name: 'account_id',
    definition: 'TEXT',
    backfill: `UPDATE artifacts SET account_id = json_extract(payload, '$.accountId')
               WHERE model IN (${accountBound}) AND account_id IS NULL`,
  },
];

export function migrate(db: Database): void {
  const has = (table: string, name: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((column) => column.name === name);
  db.transaction(() => {
    for (const column of ADDED_COLUMNS) {
      if (has(column.table, column.name)) continue;
      db.exec(`ALTER TABLE ${column.table} ADD COLUMN ${column.name} ${column.definition}`);
      if (column.backfill) db.exec(column.backfill);
    }
  }).immediate();
}
