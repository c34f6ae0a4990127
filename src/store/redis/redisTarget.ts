// Where REDIS_URL points: one server (redis://, rediss:// for TLS), a Redis Cluster
// (redis+cluster://host:port,host:port — any reachable nodes; the rest are discovered) or a
// Sentinel-managed primary (redis+sentinel://host:port,host:port/primary-name). Credentials go in
// the user-info part, as in a plain Redis URL; `rediss+` variants use TLS.

export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

interface Credentials {
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
}

export type RedisTarget =
  | { readonly kind: 'server'; readonly url: string }
  | ({ readonly kind: 'cluster'; readonly nodes: readonly RedisNode[] } & Credentials)
  | ({ readonly kind: 'sentinel'; readonly sentinels: readonly RedisNode[]; readonly name: string } & Credentials);

const PATTERN = /^(rediss?)\+(cluster|sentinel):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)(?:\/([^/?#]*))?$/;

function parseNodes(list: string, defaultPort: number): RedisNode[] {
  return list.split(',').map((entry) => {
    const [host = '', port] = entry.trim().split(/:(?=\d+$)/);
    if (!host) throw new Error(`"${entry}" is not host:port`);
    return { host: host.replace(/^\[|\]$/g, ''), port: port ? Number(port) : defaultPort };
  });
}

export function redisTarget(url: string): RedisTarget {
  if (/^rediss?:\/\//.test(url)) return { kind: 'server', url };
  const match = PATTERN.exec(url);
  if (!match) throw new Error('not a redis://, rediss://, redis+cluster:// or redis+sentinel:// URL');
  const [, scheme, kind, user, pass, hosts = '', name] = match;
  const credentials = {
    username: user ? decodeURIComponent(user) : undefined,
    password: pass ? decodeURIComponent(pass) : undefined,
    tls: scheme === 'rediss',
  };
  if (kind === 'cluster') return { kind, nodes: parseNodes(hosts, 6379), ...credentials };
  if (!name) throw new Error('a redis+sentinel:// URL ends with /<primary name>');
  return { kind: 'sentinel', sentinels: parseNodes(hosts, 26379), name: decodeURIComponent(name), ...credentials };
}

/** The URL without credentials, for messages and logs. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
