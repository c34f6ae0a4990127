// `ostiary client remove ID`: unregisters a client. The server loads clients on every request, so
// its tokens and codes stop working at their next use.
import { Command } from 'commander';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError } from './errors.js';

export function clientRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('unregister a client')
    .argument('<client_id>', 'the client to remove')
    .action(async (clientId: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      if (!(await store.clients.remove(clientId))) throw new NotFoundError(`no client ${clientId}`);
      emit(deps, options.json, { removed: true, client_id: clientId }, () => `removed client ${clientId}`);
    });
}
