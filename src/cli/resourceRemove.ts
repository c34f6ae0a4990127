// `ostiary resource remove URI`: unregisters an API. Refused while a client lists it among its APIs
// (that client's token requests for it would fail) unless --force is given (removeResource).
import { Command } from 'commander';
import { removeResource } from '../resources/removeResource.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { resourceCliError } from './resourceCliError.js';

export function resourceRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('unregister a resource')
    .argument('<uri>', 'the resource indicator')
    .option('--force', 'remove it even if clients list it')
    .action(async (id: string, options: { force?: boolean; json?: boolean }) => {
      const store = await deps.openStore();
      await removeResource(store, id, { force: Boolean(options.force) }, deps.change()).catch((error: unknown) => {
        throw resourceCliError(error);
      });
      emit(deps, options.json, { removed: true, id }, () => `removed resource ${id}`);
    });
}
