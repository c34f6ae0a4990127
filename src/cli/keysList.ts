// `ostiary keys list`: the signing keys' kid, algorithm, state and creation time. Only those four
// fields are copied out of each record, so no private JWK member can ever be printed.
import { Command } from 'commander';
import { SIGNING_KEYS_SETTING, type SigningKeySet } from '../keys/SigningKeyRecord.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

export function keysList(deps: CliDeps): Command {
  return new Command('list')
    .description('list signing keys (public facts only)')
    .action(async (options: { json?: boolean }) => {
      const store = await deps.openStore();
      const set = await store.settings.get<SigningKeySet>(SIGNING_KEYS_SETTING);
      const keys = (set?.keys ?? []).map(({ kid, alg, state, createdAt }) => ({
        kid,
        alg,
        state,
        createdAt: new Date(createdAt).toISOString(),
      }));
      emit(deps, options.json, { keys }, () =>
        keys.length === 0
          ? 'no keys yet; they are generated when the server first starts'
          : formatTable(
              ['KID', 'ALG', 'STATE', 'CREATED'],
              keys.map((key) => [key.kid, key.alg, key.state, key.createdAt]),
            ),
      );
    });
}
