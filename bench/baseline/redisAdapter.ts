// The baseline's Redis adapter: the straightforward kind that oidc-provider's old example
// (example/adapters/redis.js, removed in ba806ca8) taught. One key per artifact, a list per grant,
// a MULTI per upsert. It is deliberately NOT atomic where Ostiary is: consume() is a plain HSET,
// so two parallel uses of one refresh token both pass oidc-provider's find → check → consume.
// That is the point of comparison for "atomic rotation costs nothing".

import type { Redis } from 'ioredis';
import type { Adapter, AdapterPayload } from 'oidc-provider';

/** Models oidc-provider revokes by grantId: their keys are listed under the grant. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);
/** Models oidc-provider consumes: stored as a hash so `consumed` can sit beside the payload. */
const CONSUMABLE = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

const grantKey = (grantId: string) => `grant:${grantId}`;
const uidKey = (uid: string) => `uid:${uid}`;
const userCodeKey = (userCode: string) => `userCode:${userCode}`;

export function createRedisAdapter(redis: Redis) {
  return class BaselineRedisAdapter implements Adapter {
    constructor(readonly name: string) {}

    key(id: string): string {
      return `${this.name}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const key = this.key(id);
      const multi = redis.multi();
      if (CONSUMABLE.has(this.name)) multi.hset(key, { payload: JSON.stringify(payload) });
      else multi.set(key, JSON.stringify(payload));
      if (expiresIn) multi.expire(key, expiresIn);

      if (GRANTABLE.has(this.name) && payload.grantId) {
        const list = grantKey(payload.grantId);
        multi.rpush(list, key);
        // As the example did: read the list's TTL outside the transaction, extend it if shorter.
        const ttl = await redis.ttl(list);
        if (expiresIn > ttl) multi.expire(list, expiresIn);
      }
      if (payload.userCode) multi.set(userCodeKey(payload.userCode), id, 'EX', expiresIn);
      if (payload.uid) multi.set(uidKey(payload.uid), id, 'EX', expiresIn);
      await multi.exec();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (!CONSUMABLE.has(this.name)) {
        const json = await redis.get(this.key(id));
        return json ? (JSON.parse(json) as AdapterPayload) : undefined;
      }
      const { payload, consumed } = await redis.hgetall(this.key(id));
      if (!payload) return undefined;
      return { ...(JSON.parse(payload) as AdapterPayload), ...(consumed ? { consumed: Number(consumed) } : {}) };
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const id = await redis.get(uidKey(uid));
      return id ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const id = await redis.get(userCodeKey(userCode));
      return id ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      // Not a check-and-set: whoever comes second simply overwrites the timestamp.
      await redis.hset(this.key(id), 'consumed', Math.floor(Date.now() / 1000));
    }

    async destroy(id: string): Promise<void> {
      await redis.del(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const keys = await redis.lrange(grantKey(grantId), 0, -1);
      await redis
        .multi()
        .del(...keys, grantKey(grantId))
        .exec();
    }
  };
}
