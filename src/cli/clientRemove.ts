// `ostiary client remove ID`: unregisters a client (clients.remove).
import { Command } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function clientRemove(deps: CommandDeps): Command {
  return new Command('remove')
    .description('unregister a client')
    .argument('<client_id>', 'the client to remove')
    .action(async (clientId: string, options: { json?: boolean }) => {
      await deps.admin()(clientRoutes.remove, { params: { id: clientId } });
      emit(deps, options.json, { removed: true, client_id: clientId }, () => `removed client ${clientId}`);
    });
}
