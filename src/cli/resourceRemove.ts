// `ostiary resource remove URI`: unregisters an API. Refused while a client lists it among its APIs
// (that client's token requests for it would fail) unless --force is given (removeResource).
import { Command } from 'commander';
import { resourceRoutes } from '../admin/routes/resourceRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { onConflict } from './onConflict.js';
import { resourceInUse } from './resourceInUse.js';

export function resourceRemove(deps: CommandDeps): Command {
  return new Command('remove')
    .description('unregister a resource')
    .argument('<uri>', 'the resource indicator')
    .option('--force', 'remove it even if clients list it')
    .action(async (id: string, options: { force?: boolean; json?: boolean }) => {
      const query = { force: options.force ? ('true' as const) : undefined };
      await onConflict(deps.admin()(resourceRoutes.remove, { params: { id }, query }), resourceInUse);
      emit(deps, options.json, { removed: true, id }, () => `removed resource ${id}`);
    });
}
