// `ostiary resource list`: every registered API with its scopes and access token lifetime
// ("default" when it uses ACCESS_TOKEN_TTL).
import { Command } from 'commander';
import { resourceRoutes } from '../admin/routes/resourceRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

export function resourceList(deps: CommandDeps): Command {
  return new Command('list').description('list resources').action(async (options: { json?: boolean }) => {
    const { resources } = await deps.admin()(resourceRoutes.list);
    emit(deps, options.json, { resources }, () =>
      resources.length === 0
        ? 'no resources yet'
        : formatTable(
            ['RESOURCE', 'TTL', 'SCOPE'],
            resources.map((r) => [r.id, r.accessTokenTtl === null ? 'default' : `${r.accessTokenTtl}s`, r.scope]),
          ),
    );
  });
}
