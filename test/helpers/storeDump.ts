// Everything a store holds, as text: every cell of every SQLite table, or every key and every value
// of a Redis server (each hash field and value, set member, ...). What a stolen copy of the store
// would give; tests search it for what must not be there, and weigh it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { EMBEDDED_FILE } from '../../src/store/embedded/createEmbeddedStore.js';

export function dumpEmbedded(dataDir: string): string[] {
  const db = new Database(join(dataDir, EMBEDDED_FILE), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    return tables.flatMap((table) =>
      (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) =>
        Object.values(row).map((cell) => (cell === null ? '' : String(cell))),
      ),
    );
  } finally {
    db.close();
  }
}

/** Every key (of those starting with `prefix`, when given: other tests may share the server). */
export async function dumpRedis(port: number, prefix = ''): Promise<string[]> {
  const client = new Redis(port, '127.0.0.1');
  client.on('error', () => {});
  try {
    const values: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
      cursor = next;
      for (const key of keys) {
        const type = await client.type(key);
        if (type === 'string') values.push(String(await client.get(key)));
        else if (type === 'hash') values.push(...Object.entries(await client.hgetall(key)).flat());
        else if (type === 'set') values.push(...(await client.smembers(key)));
        else if (type === 'zset') values.push(...(await client.zrange(key, '0', '-1')));
        else if (type === 'list') values.push(...(await client.lrange(key, 0, -1)));
        else if (type !== 'none') throw new Error(`unexpected Redis type ${type} for ${key}`);
        values.push(key);
      }
    } while (cursor !== '0');
    return values;
  } finally {
    client.disconnect();
  }
}

/** Bytes of text: what the dump weighs. */
export const weight = (dump: readonly string[]) => dump.reduce((sum, value) => sum + Buffer.byteLength(value), 0);
