// `ostiary resource remove URI`: unregisters an API. Refused while a client names it as its
// default_resource (that client's token requests would fail) unless --force is given.
import { Command } from 'commander';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError, UsageError } from './errors.js';

export function resourceRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('unregister a resource')
    .argument('<uri>', 'the resource indicator')
    .option('--force', 'remove it even if clients use it as their default resource')
    .action(async (id: string, options: { force?: boolean; json?: boolean }) => {
      const store = await deps.openStore();
      if (!(await store.resources.get(id))) throw new NotFoundError(`no resource ${id}`);
      const users = (await store.clients.list()).filter((client) => client.default_resource === id);
      if (users.length && !options.force) {
        const ids = `client${users.length === 1 ? '' : 's'} ${users.map((client) => client.client_id).join(', ')}`;
        throw new UsageError(
          '--force',
          `${id} is the default_resource of ${ids}; remove or re-create them first, or pass --force`,
        );
      }
      if (!(await store.resources.remove(id))) throw new NotFoundError(`no resource ${id}`);
      emit(deps, options.json, { removed: true, id }, () => `removed resource ${id}`);
    });
}
