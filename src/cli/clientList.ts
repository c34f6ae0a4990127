// `ostiary client list`: every registered client with its id, name, grants and whether it is
// public (no secret) or confidential. --json gives each client's metadata, secrets left out.
import { Command } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

export function clientList(deps: CommandDeps): Command {
  return new Command('list').description('list clients').action(async (options: { json?: boolean }) => {
    const { clients } = await deps.admin()(clientRoutes.list);
    emit(deps, options.json, { clients }, () =>
      clients.length === 0
        ? 'no clients yet'
        : formatTable(
            ['CLIENT ID', 'NAME', 'TYPE', 'GRANTS'],
            clients.map((client) => [
              client.client_id,
              String(client.client_name ?? ''),
              client.token_endpoint_auth_method === 'none' ? 'public' : 'confidential',
              ((client.grant_types as string[] | undefined) ?? []).join(' '),
            ]),
          ),
    );
  });
}
