// oidc-provider artifacts in SQLite. better-sqlite3 runs each statement synchronously, so a single
// UPDATE ... WHERE consumed IS NULL is an atomic check-and-set even across processes (SQLite
// serialises writers on the database file). grant_id is kept for grant-bound models only and
// account_id for account-bound ones, so the revocations below delete exactly what they should.
import type { Database } from 'better-sqlite3';
import {
  ACCOUNT_BOUND_MODELS,
  type ArtifactPayload,
  type ArtifactStore,
  type ConsumeOutcome,
  GRANT_BOUND_MODELS,
} from '../Store.js';

interface Row {
  payload: string;
}

export function embeddedArtifacts(db: Database, now: () => number = Date.now): ArtifactStore {
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO artifacts (model, id, payload, grant_id, account_id, uid, user_code, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const find = db.prepare('SELECT payload FROM artifacts WHERE model = ? AND id = ? AND expires_at > ?');
  const findByUid = db.prepare('SELECT payload FROM artifacts WHERE model = ? AND uid = ? AND expires_at > ?');
  const findByUserCode = db.prepare(
    'SELECT payload FROM artifacts WHERE model = ? AND user_code = ? AND expires_at > ?',
  );
  const consume = db.prepare(
    `UPDATE artifacts SET payload = json_set(payload, '$.consumed', ?)
     WHERE model = ? AND id = ? AND expires_at > ? AND json_extract(payload, '$.consumed') IS NULL`,
  );
  const destroy = db.prepare('DELETE FROM artifacts WHERE model = ? AND id = ?');
  const destroyByUid = db.prepare('DELETE FROM artifacts WHERE model = ? AND uid = ?');
  const listByAccount = db.prepare(
    'SELECT id, payload FROM artifacts WHERE model = ? AND account_id = ? AND expires_at > ? ORDER BY id',
  );
  const revokeGrant = db.prepare('DELETE FROM artifacts WHERE grant_id = ?');
  const grantsOf = db.prepare("SELECT id FROM artifacts WHERE model = 'Grant' AND account_id = ?").pluck();
  const revokeAccount = db.prepare('DELETE FROM artifacts WHERE account_id = ?');
  // One transaction: a token written meanwhile by another process waits, then finds its grant gone.
  const revokeByAccountId = db.transaction((accountId: string) => {
    for (const grantId of grantsOf.all(accountId) as string[]) revokeGrant.run(grantId);
    revokeAccount.run(accountId);
  });
  const parse = (row: unknown) => (row ? (JSON.parse((row as Row).payload) as ArtifactPayload) : undefined);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);

  return {
    async upsert(model, id, payload, expiresIn) {
      upsert.run(
        model,
        id,
        JSON.stringify(payload),
        GRANT_BOUND_MODELS.has(model) ? text(payload.grantId) : null,
        ACCOUNT_BOUND_MODELS.has(model) ? text(payload.accountId) : null,
        payload.uid ?? null,
        payload.userCode ?? null,
        now() + expiresIn * 1000,
      );
    },
    async find(model, id) {
      return parse(find.get(model, id, now()));
    },
    async findByUid(model, uid) {
      return parse(findByUid.get(model, uid, now()));
    },
    async findByUserCode(model, userCode) {
      return parse(findByUserCode.get(model, userCode, now()));
    },
    async consume(model, id): Promise<ConsumeOutcome> {
      const at = now();
      if (consume.run(Math.floor(at / 1000), model, id, at).changes === 1) return 'consumed';
      return find.get(model, id, at) ? 'already-consumed' : 'not-found';
    },
    async destroy(model, id) {
      destroy.run(model, id);
    },
    async destroyByUid(model, uid) {
      destroyByUid.run(model, uid);
    },
    async listByAccountId(model, accountId) {
      return (listByAccount.all(model, accountId, now()) as (Row & { id: string })[]).map((row) => ({
        id: row.id,
        payload: JSON.parse(row.payload) as ArtifactPayload,
      }));
    },
    async revokeByGrantId(grantId) {
      revokeGrant.run(grantId);
    },
    async revokeByAccountId(accountId) {
      revokeByAccountId.immediate(accountId);
    },
  };
}
