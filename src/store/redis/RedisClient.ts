// What every part of the Redis backend talks to: one server (Redis) or a Cluster. The store never
// sends a command whose keys span two hash slots, so both work; keys.ts says how.
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;
