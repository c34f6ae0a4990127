// Every Redis key the store writes, built in one place so the layout can be read (and audited for
// TTLs) here. All keys start with the prefix. Families marked "expires" always carry a TTL; the
// others are long-lived records that must never be evicted (run Redis with noeviction).

/**
 * Builders for one prefix. Hash tags (`{...}`) appear only where one atomic operation touches
 * two keys; everything else is a single-key operation that may live in any slot of a Cluster.
 */
export interface RedisKeys {
  /** expires. HASH { payload: JSON, consumed?: epoch s, grantId? }: one oidc-provider artifact. */
  artifact(model: string, id: string): string;
  /** expires. STRING artifact id: look-up by `uid` (sessions). Checked against the payload. */
  uid(model: string, uid: string): string;
  /** expires. STRING artifact id: look-up by `userCode` (device flow). Checked likewise. */
  userCode(model: string, userCode: string): string;
  /** expires. SET of artifact keys of grant-bound models with this grantId; TTL ≥ its longest member. */
  grant(grantId: string): string;
  /** expires. SET of `<model>:<id>` of the Grants and Sessions of an account; TTL ≥ its longest member. */
  accountArtifacts(accountId: string): string;
  /** expires. HASH { count, until, expires }: one throttling counter (the key is already hashed). */
  limit(key: string): string;
  /** no expiry. HASH of one account's fields. Tagged `{accounts}`: created with the email index. */
  account(accountId: string): string;
  /** no expiry. HASH normalized email → accountId; the uniqueness constraint. Tagged `{accounts}`. */
  accountEmails(): string;
  /** no expiry. HASH client_id → metadata JSON. */
  clients(): string;
  /** no expiry. HASH resource id → Resource JSON. */
  resources(): string;
  /** no expiry. STRING JSON document (key material, cookie secrets). */
  setting(name: string): string;
}

export function redisKeys(prefix: string): RedisKeys {
  // A brace in the prefix would become the hash tag of every key and move them all to one slot
  // (or split keys that must share one); the config schema already forbids braces.
  if (/[{}]/.test(prefix)) throw new RangeError(`the Redis key prefix must not contain { or }: ${prefix}`);
  return {
    artifact: (model, id) => `${prefix}artifact:${model}:${id}`,
    uid: (model, uid) => `${prefix}uid:${model}:${uid}`,
    userCode: (model, userCode) => `${prefix}userCode:${model}:${userCode}`,
    grant: (grantId) => `${prefix}grant:${grantId}`,
    accountArtifacts: (accountId) => `${prefix}account-artifacts:${accountId}`,
    limit: (key) => `${prefix}limit:${key}`,
    account: (accountId) => `${prefix}{accounts}:account:${accountId}`,
    accountEmails: () => `${prefix}{accounts}:email`,
    clients: () => `${prefix}clients`,
    resources: () => `${prefix}resources`,
    setting: (name) => `${prefix}setting:${name}`,
  };
}
