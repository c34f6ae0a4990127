// Accounts in SQLite. The UNIQUE email_key column makes email uniqueness (case-insensitive)
// the database's job, so two concurrent `user add` runs cannot both win.
import type { Database } from 'better-sqlite3';
import { normalizeEmail } from '../../accounts/normalizeEmail.js';
import { DuplicateError } from '../errors.js';
import type { Account, AccountChanges, AccountClaims, AccountFactors, AccountStore } from '../Store.js';

interface Row {
  account_id: string;
  email: string;
  email_verified: number;
  name: string | null;
  password_hash: string;
  created_at: number;
  disabled: number;
  revoked_at: number | null;
  factors: string | null;
  claims: string | null;
}

const toAccount = (row: Row): Account => ({
  accountId: row.account_id,
  email: row.email,
  emailVerified: row.email_verified === 1,
  name: row.name ?? undefined,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  disabled: row.disabled === 1,
  revokedAt: row.revoked_at ?? undefined,
  ...(row.factors ? { factors: JSON.parse(row.factors) as AccountFactors } : {}),
  ...(row.claims ? { claims: JSON.parse(row.claims) as AccountClaims } : {}),
});

/** Each changeable field and its column; an UPDATE names only the fields a change carries. */
const COLUMNS = {
  passwordHash: 'password_hash',
  disabled: 'disabled',
  revokedAt: 'revoked_at',
  emailVerified: 'email_verified',
  factors: 'factors',
  claims: 'claims',
} as const;
function toColumn(field: keyof AccountChanges, value: AccountChanges[keyof AccountChanges]) {
  if (field === 'disabled' || field === 'emailVerified') return value ? 1 : 0;
  if (field === 'factors' || field === 'claims') return value === undefined ? null : JSON.stringify(value);
  return (value as string | number | undefined) ?? null;
}

export function embeddedAccounts(db: Database): AccountStore {
  const insert = db.prepare(
    `INSERT INTO accounts (account_id, email, email_key, email_verified, name, password_hash, created_at, disabled, revoked_at, factors, claims)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare('SELECT * FROM accounts WHERE account_id = ?');
  const byEmail = db.prepare('SELECT * FROM accounts WHERE email_key = ?');
  const all = db.prepare('SELECT * FROM accounts ORDER BY created_at, email_key');
  const remove = db.prepare('DELETE FROM accounts WHERE account_id = ?');

  return {
    async create(account) {
      try {
        insert.run(
          account.accountId,
          account.email,
          normalizeEmail(account.email),
          account.emailVerified ? 1 : 0,
          account.name ?? null,
          account.passwordHash,
          account.createdAt,
          account.disabled ? 1 : 0,
          account.revokedAt ?? null,
          account.factors === undefined ? null : JSON.stringify(account.factors),
          account.claims === undefined ? null : JSON.stringify(account.claims),
        );
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateError('email');
        throw error;
      }
    },
    async findById(accountId) {
      const row = byId.get(accountId) as Row | undefined;
      return row && toAccount(row);
    },
    async findByEmail(email) {
      const row = byEmail.get(normalizeEmail(email)) as Row | undefined;
      return row && toAccount(row);
    },
    async list() {
      return (all.all() as Row[]).map(toAccount);
    },
    async remove(accountId) {
      return remove.run(accountId).changes === 1;
    },
    async update(accountId, changes) {
      const fields = (Object.keys(COLUMNS) as (keyof AccountChanges)[]).filter((field) => field in changes);
      if (fields.length === 0) return byId.get(accountId) !== undefined;
      const assignments = fields.map((field) => `${COLUMNS[field]} = ?`).join(', ');
      const values = fields.map((field) => toColumn(field, changes[field]));
      return (
        db.prepare(`UPDATE accounts SET ${assignments} WHERE account_id = ?`).run(...values, accountId).changes === 1
      );
    },
  };
}
