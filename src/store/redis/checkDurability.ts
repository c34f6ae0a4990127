// Warns at startup when Redis is configured in a way that loses security state: an eviction
// policy other than noeviction drops sessions, grants and refresh-token families under memory
// pressure (a dropped "consumed" mark would even make a spent refresh token look fresh), and
// without AOF a Redis restart forgets every session and token. Managed services that forbid CONFIG
// get a single note that the settings could not be checked.
import type { RedisClient } from './RedisClient.js';

export async function checkDurability(client: RedisClient, warn: (message: string) => void): Promise<void> {
  const node = 'nodes' in client ? (client.nodes('master')[0] ?? client) : client;
  let settings: Record<string, string>;
  try {
    const reply = (await node.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
    const aof = (await node.call('CONFIG', 'GET', 'appendonly')) as string[];
    settings = Object.fromEntries([reply, aof].map(([name = '', value = '']) => [name, value]));
  } catch {
    warn(
      'could not read the Redis configuration (CONFIG GET is refused): make sure maxmemory-policy is noeviction and AOF is on',
    );
    return;
  }
  const policy = settings['maxmemory-policy'];
  if (policy !== 'noeviction') {
    warn(
      `Redis maxmemory-policy is ${policy}: Redis MUST NOT evict Ostiary's keys (sessions, grants, refresh tokens); set maxmemory-policy noeviction`,
    );
  }
  if (settings.appendonly !== 'yes') {
    warn(
      'Redis AOF persistence is off: a Redis restart SHOULD NOT lose issued refresh tokens; set appendonly yes (appendfsync everysec or always)',
    );
  }
}
