// Opens the ioredis client REDIS_URL describes (see redisTarget.ts), with the deliberate options of
// redisClientOptions.ts for every kind.
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from './RedisClient.js';
import { clusterClientOptions, redisClientOptions } from './redisClientOptions.js';
import { redisTarget } from './redisTarget.js';

export function connectRedis(url: string): RedisClient {
  const target = redisTarget(url);
  if (target.kind === 'server') return new Redis(url, redisClientOptions);
  const auth = {
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
  };
  if (target.kind === 'cluster') {
    return new Cluster([...target.nodes], {
      ...clusterClientOptions,
      redisOptions: { ...clusterClientOptions.redisOptions, ...auth },
    });
  }
  return new Redis({
    ...redisClientOptions,
    ...auth,
    sentinels: [...target.sentinels],
    name: target.name,
    // Sentinels usually share the primary's password; a deployment that differs can front them.
    ...(target.password ? { sentinelPassword: target.password } : {}),
  });
}
