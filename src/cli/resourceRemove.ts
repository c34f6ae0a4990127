// `ostiary resource remove URI`: unregisters an API. Refused while a client lists it among its APIs
// (that client's token requests for it would fail) unless --force is given.
import { Command } from 'commander';
import { settingsOf } from '../clients/clientMetadata.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError, UsageError } from './errors.js';

export function resourceRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('unregister a resource')
    .argument('<uri>', 'the resource indicator')
    .option('--force', 'remove it even if clients list it')
    .action(async (id: string, options: { force?: boolean; json?: boolean }) => {
      const store = await deps.openStore();
      if (!(await store.resources.get(id))) throw new NotFoundError(`no resource ${id}`);
      const users = (await store.clients.list()).filter((client) => settingsOf(client).resources.includes(id));
      if (users.length && !options.force) {
        const ids = `client${users.length === 1 ? '' : 's'} ${users.map((client) => client.client_id).join(', ')}`;
        throw new UsageError(
          '--force',
          `${id} is an API of ${ids}; change them first (ostiary client update ID --resource ...), or pass --force`,
        );
      }
      if (!(await store.resources.remove(id))) throw new NotFoundError(`no resource ${id}`);
      emit(deps, options.json, { removed: true, id }, () => `removed resource ${id}`);
    });
}
