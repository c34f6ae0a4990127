// The embedded store's tables. Times are epoch milliseconds. Artifacts keep their indexed
// fields (grant_id, account_id, uid, user_code) in columns so look-ups and revocations use indexes.
// CREATE ... IF NOT EXISTS makes a fresh file; migrate.ts brings an older file up to date.

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS artifacts (
  model      TEXT NOT NULL,
  id         TEXT NOT NULL,
  payload    TEXT NOT NULL,
  grant_id   TEXT,
  uid        TEXT,
  user_code  TEXT,
  expires_at INTEGER NOT NULL,
  account_id TEXT,
  PRIMARY KEY (model, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS artifacts_grant ON artifacts (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS artifacts_uid ON artifacts (model, uid) WHERE uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS artifacts_user_code ON artifacts (model, user_code) WHERE user_code IS NOT NULL;
CREATE INDEX IF NOT EXISTS artifacts_expiry ON artifacts (expires_at);

CREATE TABLE IF NOT EXISTS accounts (
  account_id     TEXT PRIMARY KEY,
  email          TEXT NOT NULL,
  email_key      TEXT NOT NULL UNIQUE,
  email_verified INTEGER NOT NULL,
  name           TEXT,
  password_hash  TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  revoked_at     INTEGER,
  factors        TEXT,
  claims         TEXT
);

CREATE TABLE IF NOT EXISTS clients (
  client_id TEXT PRIMARY KEY,
  metadata  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS resources (
  id               TEXT PRIMARY KEY,
  scope            TEXT NOT NULL,
  access_token_ttl INTEGER,
  created_at       INTEGER NOT NULL,
  claims           TEXT
);

CREATE TABLE IF NOT EXISTS settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS limits (
  key          TEXT PRIMARY KEY,
  count        INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS limits_expiry ON limits (expires_at);
`;

/** Indexes on columns that migrate.ts may add, so they are created after it. */
export const LATE_INDEXES = `
CREATE INDEX IF NOT EXISTS artifacts_account ON artifacts (account_id) WHERE account_id IS NOT NULL;
`;
