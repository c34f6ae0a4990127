// `ostiary resource update URI [--scope "S"] [--ttl DURATION | --no-ttl] [--claims roles,groups |
// --no-claims] [--force]`: changes a registered API (resources.update; updateResource holds the rules).
import { Command } from 'commander';
import { resourceRoutes } from '../admin/routes/resourceRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { claimList } from './claimList.js';
import { emit } from './emit.js';
import { onConflict } from './onConflict.js';
import { parseDurationOption } from './parseDurationOption.js';
import { resourceInUse } from './resourceInUse.js';

interface Options {
  scope?: string;
  ttl?: string | false;
  claims?: string | false;
  force?: boolean;
  json?: boolean;
}

export function resourceUpdate(deps: CommandDeps): Command {
  return new Command('update')
    .description("change an API's scopes, access token lifetime or the account claims its tokens carry")
    .argument('<uri>', 'the resource indicator')
    .option('--scope <scope>', 'the scopes it understands now (replaces the list)')
    .option('--ttl <duration>', 'its own access token lifetime: seconds or 15m, 2h, 1d')
    .option('--no-ttl', 'use ACCESS_TOKEN_TTL again')
    .option('--claims <list>', 'account claims its tokens carry, comma-separated (replaces the list)')
    .option('--no-claims', 'its tokens carry no account claims')
    .option('--force', 'drop scopes even if clients are limited to them')
    .action(async (id: string, options: Options) => {
      const accessTokenTtl =
        options.ttl === false
          ? null
          : options.ttl === undefined
            ? undefined
            : parseDurationOption('--ttl', options.ttl);
      const claims = options.claims === undefined ? undefined : options.claims ? claimList(options.claims) : [];
      const body = { scope: options.scope, access_token_ttl: accessTokenTtl, claims, force: Boolean(options.force) };
      const resource = await onConflict(deps.admin()(resourceRoutes.update, { params: { id }, body }), resourceInUse);
      emit(deps, options.json, resource, () => `updated resource ${id}: scope "${resource.scope}"`);
    });
}
