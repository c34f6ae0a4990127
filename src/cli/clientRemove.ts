// `ostiary client remove ID`: unregisters a client (removeClient).
import { Command } from 'commander';
import { removeClient } from '../clients/removeClient.js';
import type { CliDeps } from './CliDeps.js';
import { clientCliError } from './clientCliError.js';
import { emit } from './emit.js';

export function clientRemove(deps: CliDeps): Command {
  return new Command('remove')
    .description('unregister a client')
    .argument('<client_id>', 'the client to remove')
    .action(async (clientId: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      await removeClient(store, clientId, deps.change()).catch((error: unknown) => {
        throw clientCliError(error);
      });
      emit(deps, options.json, { removed: true, client_id: clientId }, () => `removed client ${clientId}`);
    });
}
