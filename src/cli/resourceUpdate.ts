// `ostiary resource update URI [--scope "S"] [--ttl DURATION | --no-ttl] [--force]`: changes a
// registered API (updateResource holds the rules).
import { Command } from 'commander';
import { publicResource } from '../resources/publicResource.js';
import { updateResource } from '../resources/updateResource.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { parseDurationOption } from './parseDurationOption.js';
import { resourceCliError } from './resourceCliError.js';

interface Options {
  scope?: string;
  ttl?: string | false;
  force?: boolean;
  json?: boolean;
}

export function resourceUpdate(deps: CliDeps): Command {
  return new Command('update')
    .description("change an API's scopes or access token lifetime")
    .argument('<uri>', 'the resource indicator')
    .option('--scope <scope>', 'the scopes it understands now (replaces the list)')
    .option('--ttl <duration>', 'its own access token lifetime: seconds or 15m, 2h, 1d')
    .option('--no-ttl', 'use ACCESS_TOKEN_TTL again')
    .option('--force', 'drop scopes even if clients are limited to them')
    .action(async (id: string, options: Options) => {
      const accessTokenTtl =
        options.ttl === false
          ? null
          : options.ttl === undefined
            ? undefined
            : parseDurationOption('--ttl', options.ttl);
      const store = await deps.openStore();
      const changes = { scope: options.scope, accessTokenTtl };
      const resource = await updateResource(store, id, changes, { force: Boolean(options.force) }, deps.change()).catch(
        (error: unknown) => {
          throw resourceCliError(error);
        },
      );
      emit(deps, options.json, publicResource(resource), () => `updated resource ${id}: scope "${resource.scope}"`);
    });
}
