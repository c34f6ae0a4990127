// `ostiary keys list`: every signing key and cookie secret with its state and planned transition,
// public facts only (keys.list).
import { Command } from 'commander';
import { keyRoutes } from '../admin/routes/keyRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

export function keysList(deps: CommandDeps): Command {
  return new Command('list')
    .description('list signing keys and cookie secrets (public facts only)')
    .action(async (options: { json?: boolean }) => {
      const { keys } = await deps.admin()(keyRoutes.list);
      emit(deps, options.json, { keys }, () =>
        keys.length === 0
          ? 'no keys yet; they are generated when the server first starts'
          : formatTable(
              ['KID', 'ALG', 'STATE', 'CREATED', 'NEXT'],
              keys.map((key) => [
                key.kid,
                key.alg,
                key.state,
                key.createdAt,
                key.transition ? `${key.transition.next} at ${key.transition.at}` : '',
              ]),
            ),
      );
    });
}
