// `ostiary init`: sets up the store where the configuration points, as the server's first start
// does: the database (or the Redis prefix), the signing keys, the cookie secret and the hash key,
// and without OSTIARY_SECRET outside production the development secret. Every other command only
// opens a store that exists. On a store already set up it changes nothing.
import { Command } from 'commander';
import { ensureAdminResource } from '../admin/adminResource.js';
import { readKeyRing } from '../keys/readKeyRing.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function init(deps: CommandDeps): Command {
  return new Command('init')
    .description('set up the store where DATA_DIR or REDIS_URL points (the server does it on its first start)')
    .action(async (options: { json?: boolean }) => {
      const config = deps.config();
      const store = await deps.openStore({ create: true });
      const ring = await readKeyRing(store);
      await ensureAdminResource(store, config.issuerId);
      const where = config.redisUrl ? `Redis, prefix "${config.redisPrefix}"` : config.dataDir;
      const keys = ring.signing.keys.map(({ kid, alg, state }) => ({ kid, alg, state }));
      emit(
        deps,
        options.json,
        { store: store.kind, location: where, keys },
        () => `Ostiary data is ready in ${where} (${keys.length} signing keys)`,
      );
    });
}
