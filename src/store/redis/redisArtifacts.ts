// oidc-provider artifacts in Redis: one HASH per artifact plus expiring indexes by uid and
// userCode (look-ups) and by grantId and accountId (revocations). On one node (standalone or
// Sentinel) an artifact and its indexes are written by one script: one round trip, all or
// nothing. In a Cluster every command touches one key, so each key may live in any slot; where two
// writes cannot be one transaction, their order makes a crash or a race err toward revoking.
import {
  ACCOUNT_BOUND_MODELS,
  type ArtifactPayload,
  type ArtifactStore,
  type ConsumeOutcome,
  GRANT_BOUND_MODELS,
} from '../Store.js';
import { defineScript } from './defineScript.js';
import { execAll } from './execAll.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './RedisClient.js';

// Why consume is a script: oidc-provider redeems a code or rotates a refresh token by find → check
// `consumed` → consume(). Without a check-and-set on the server, 16 parallel redemptions of one code
// all pass the check and several succeed. The script runs atomically on the artifact's one key:
// EXISTS keeps HSETNX from creating a bare hash for a missing artifact, and HSETNX lets exactly one
// caller set `consumed`. Returns 1 consumed, 2 already consumed, 0 not found (or expired).
const CONSUME = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HSETNX', KEYS[1], 'consumed', ARGV[1]) == 1 then return 1 end
return 2`;

// Adds a member to a revocation index and extends the index's TTL to cover it: the max of the
// current TTL and the member's. Inside a script, so that two concurrent upserts cannot both read the
// old TTL and the shorter one win. PTTL is -1 on the freshly created set, so the first member
// always sets it. Both scripts below call it.
const ADD_TO_INDEX = `
local function addToIndex(index, member, ttl)
  redis.call('SADD', index, member)
  if redis.call('PTTL', index) < ttl then redis.call('PEXPIRE', index, ttl) end
end`;

// One index entry (a Cluster's step 1, on the index's own slot).
const INDEX_ADD = `${ADD_TO_INDEX}
addToIndex(KEYS[1], ARGV[1], tonumber(ARGV[2]))
return 1`;

// An artifact with its indexes, on one node: the revocation indexes, the artifact itself (the whole hash replaced, as a stale `consumed` must not survive)
// and its look-up keys, atomically, so no revoke can slip between them. KEYS: the artifact, then
// the revocation indexes, then the look-up keys. ARGV: ttl ms, index count, look-up count, the id
// (the look-up keys' value), the index members, then the hash's field/value pairs.
const UPSERT = `${ADD_TO_INDEX}
local ttl = tonumber(ARGV[1])
local indexes = tonumber(ARGV[2])
local lookups = tonumber(ARGV[3])
for i = 1, indexes do addToIndex(KEYS[1 + i], ARGV[4 + i], ttl) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 5 + indexes))
redis.call('PEXPIRE', KEYS[1], ttl)
for i = 1, lookups do
  redis.call('SET', KEYS[1 + indexes + i], ARGV[4], 'PX', ttl)
end
return 1`;

const CONSUME_OUTCOMES: Record<number, ConsumeOutcome> = { 0: 'not-found', 1: 'consumed', 2: 'already-consumed' };

export function redisArtifacts(client: RedisClient, keys: RedisKeys, now: () => number = Date.now): ArtifactStore {
  const consume = defineScript(client, 'ostiaryConsume', 1, CONSUME);
  const indexAdd = defineScript(client, 'ostiaryIndexAdd', 1, INDEX_ADD);
  const upsertOnOneNode = client.isCluster ? undefined : defineScript(client, 'ostiaryUpsert', 'any', UPSERT);

  const read = async (key: string): Promise<ArtifactPayload | undefined> => {
    const [json, consumed] = await client.hmget(key, 'payload', 'consumed');
    if (json == null) return undefined;
    const payload = JSON.parse(json) as ArtifactPayload;
    if (consumed != null) payload.consumed = Number(consumed);
    return payload;
  };

  /** Follows a uid or userCode index and checks the artifact still carries that value. */
  const readIndexed = async (model: string, indexKey: string, field: 'uid' | 'userCode', value: string) => {
    const id = await client.get(indexKey);
    if (id == null) return undefined;
    const payload = await read(keys.artifact(model, id));
    return payload?.[field] === value ? payload : undefined;
  };

  /**
   * The revocation indexes an artifact belongs to, each with the member that stands for it: the
   * grant's set lists artifact keys, the account's set lists `<model>:<id>` (a Grant member is
   * then revoked by its id as well).
   */
  const indexesOf = (model: string, id: string, grantId: unknown, accountId: unknown) => {
    const indexes: { readonly index: string; readonly member: string }[] = [];
    if (GRANT_BOUND_MODELS.has(model) && typeof grantId === 'string') {
      indexes.push({ index: keys.grant(grantId), member: keys.artifact(model, id) });
    }
    if (ACCOUNT_BOUND_MODELS.has(model) && typeof accountId === 'string') {
      indexes.push({ index: keys.accountArtifacts(accountId), member: `${model}:${id}` });
    }
    return indexes;
  };

  const destroy = async (model: string, id: string) => {
    const key = keys.artifact(model, id);
    // One key, so MULTI is fine in a Cluster: read the index fields and delete in one step.
    const [[grantId, accountId]] = (await execAll(client.multi().hmget(key, 'grantId', 'accountId').del(key))) as [
      [string | null, string | null],
    ];
    // After the delete, so a crash in between leaves a harmless stale member, never an unindexed
    // artifact.
    await Promise.all(indexesOf(model, id, grantId, accountId).map(({ index, member }) => client.srem(index, member)));
  };

  /** Unindexes the members read, then deletes their artifacts (see revokeByGrantId). */
  const revokeIndexed = async (index: string, remove: (member: string) => Promise<unknown>) => {
    const members = await client.smembers(index);
    if (members.length === 0) return;
    await client.srem(index, ...members);
    await Promise.all(members.map(remove));
  };

  const revokeByGrantId = (grantId: string) =>
    // Unindex first, then delete: an upsert racing us sees itself unindexed in its step 3 and
    // deletes what it wrote after our DEL. Only the members we read are removed, so an artifact
    // added meanwhile stays indexed for the next revoke; the set vanishes once it is empty.
    // One DEL per key: the members live in arbitrary slots, and a multi-key DEL would fail with
    // CROSSSLOT in a Cluster. Members whose artifact already expired are deleted as no-ops.
    revokeIndexed(keys.grant(grantId), (member) => client.del(member));

  return {
    async upsert(model, id, payload, expiresIn) {
      if (!Number.isFinite(expiresIn)) throw new RangeError(`expiresIn must be seconds, got ${expiresIn}`);
      const ttlMs = Math.round(expiresIn * 1000);
      if (ttlMs <= 0) return destroy(model, id); // already expired: nothing to keep
      const key = keys.artifact(model, id);
      const { grantId, accountId, uid, userCode, consumed } = payload;
      const indexes = indexesOf(model, id, grantId, accountId);
      const fields: Record<string, string> = { payload: JSON.stringify(payload) };
      for (const [name, value] of Object.entries({ grantId, accountId })) {
        if (typeof value === 'string') fields[name] = value;
      }
      if (consumed != null) fields.consumed = String(consumed);
      /** Look-ups by uid and userCode: each a key holding the id, checked against the payload on read. */
      const lookupKeys = [
        ...(uid ? [keys.uid(model, uid)] : []),
        ...(userCode ? [keys.userCode(model, userCode)] : []),
      ];

      if (upsertOnOneNode) {
        await upsertOnOneNode(
          [key, ...indexes.map(({ index }) => index), ...lookupKeys],
          [
            ttlMs,
            indexes.length,
            lookupKeys.length,
            id,
            ...indexes.map(({ member }) => member),
            ...Object.entries(fields).flat(),
          ],
        );
        return;
      }

      // In a Cluster:
      // 1. The revocation indexes first: an artifact must never exist unindexed, or a revoke would
      // miss it.
      await Promise.all(indexes.map(({ index, member }) => indexAdd([index], [member, ttlMs])));

      // 2. The artifact: replace the whole hash (a stale `consumed` must not survive) with its TTL.
      await execAll(client.multi().del(key).hset(key, fields).pexpire(key, ttlMs));

      // 3. Look-up indexes (checked on read, so their order does not matter) and the race check. A
      // revoke that read our index entry after step 1 removes it, then deletes our key; if that DEL
      // came before step 2, what we wrote would outlive its grant or account, unindexed. As a revoke
      // unindexes before it deletes, finding an entry gone now means a revoke got us: delete what we
      // wrote.
      const stillIndexed = async ({ index, member }: { index: string; member: string }) =>
        (await client.sismember(index, member)) === 1;
      await Promise.all([
        ...lookupKeys.map((lookup) => client.set(lookup, id, 'PX', ttlMs)),
        Promise.all(indexes.map(stillIndexed)).then((indexed) =>
          indexed.every(Boolean) ? undefined : client.del(key),
        ),
      ]);
    },
    async find(model, id) {
      return read(keys.artifact(model, id));
    },
    async findByUid(model, uid) {
      return readIndexed(model, keys.uid(model, uid), 'uid', uid);
    },
    async findByUserCode(model, userCode) {
      return readIndexed(model, keys.userCode(model, userCode), 'userCode', userCode);
    },
    async consume(model, id) {
      const outcome = await consume([keys.artifact(model, id)], [Math.floor(now() / 1000)]);
      return CONSUME_OUTCOMES[Number(outcome)] ?? 'not-found';
    },
    destroy,
    async destroyByUid(model, uid) {
      const id = await client.get(keys.uid(model, uid));
      if (id == null) return;
      const payload = await read(keys.artifact(model, id));
      if (payload?.uid === uid) await destroy(model, id);
      await client.del(keys.uid(model, uid));
    },
    async listByAccountId(model, accountId) {
      // The account's set holds `<model>:<id>` members; one read per member (any slot in a Cluster).
      const ids = (await client.smembers(keys.accountArtifacts(accountId)))
        .filter((member) => member.startsWith(`${model}:`))
        .map((member) => member.slice(model.length + 1))
        .sort();
      const found = await Promise.all(ids.map(async (id) => ({ id, payload: await read(keys.artifact(model, id)) })));
      return found.flatMap(({ id, payload }) => (payload ? [{ id, payload }] : []));
    },
    revokeByGrantId,
    async revokeByAccountId(accountId) {
      // A Grant member takes everything bound to it along; a Session goes alone.
      await revokeIndexed(keys.accountArtifacts(accountId), async (member) => {
        const split = member.indexOf(':');
        const [model, id] = [member.slice(0, split), member.slice(split + 1)];
        if (model === 'Grant') await revokeByGrantId(id);
        await client.del(keys.artifact(model, id));
      });
    },
  };
}
