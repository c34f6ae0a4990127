// `ostiary resource add --id URI --scope "S" [--ttl DURATION] [--claims roles,groups]`: registers
// an API that accepts our JWT access tokens (RFC 8707). The id becomes their `aud`; --claims names
// the account claims they carry. The rules are registerResource's.
import { Command } from 'commander';
import { resourceRoutes } from '../admin/routes/resourceRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { claimList } from './claimList.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { onConflict } from './onConflict.js';
import { parseDurationOption } from './parseDurationOption.js';

interface Options {
  id: string;
  scope: string;
  ttl?: string;
  claims?: string;
  json?: boolean;
}

export function resourceAdd(deps: CommandDeps): Command {
  return new Command('add')
    .description('register an API (resource server)')
    .requiredOption('--id <uri>', 'the resource indicator: an absolute URI without fragment, used as `aud`')
    .requiredOption('--scope <scope>', 'space-separated scopes the API understands, such as "read write"')
    .option('--ttl <duration>', 'access token lifetime: seconds or 15m, 2h, 1d (default: ACCESS_TOKEN_TTL)')
    .option('--claims <list>', 'account claims its tokens carry, comma-separated: roles, groups, attribute keys')
    .action(async (options: Options) => {
      const accessTokenTtl = options.ttl === undefined ? undefined : parseDurationOption('--ttl', options.ttl);
      const body = {
        id: options.id,
        scope: options.scope,
        access_token_ttl: accessTokenTtl,
        claims: options.claims === undefined ? undefined : claimList(options.claims),
      };
      const resource = await onConflict(
        deps.admin()(resourceRoutes.add, { body }),
        (problem) => new UsageError('--id', `${problem.detail} (ostiary resource remove it first)`),
      );
      emit(deps, options.json, resource, () => `registered resource ${resource.id} with scope "${resource.scope}"`);
    });
}
