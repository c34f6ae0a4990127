// `ostiary resource add --id URI --scope "S" [--ttl DURATION]`: registers an API that accepts our
// JWT access tokens (RFC 8707). The id becomes their `aud`; the rules are registerResource's.
import { Command } from 'commander';
import { publicResource } from '../resources/publicResource.js';
import { registerResource } from '../resources/registerResource.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { parseDurationOption } from './parseDurationOption.js';
import { resourceCliError } from './resourceCliError.js';

interface Options {
  id: string;
  scope: string;
  ttl?: string;
  json?: boolean;
}

export function resourceAdd(deps: CliDeps): Command {
  return new Command('add')
    .description('register an API (resource server)')
    .requiredOption('--id <uri>', 'the resource indicator: an absolute URI without fragment, used as `aud`')
    .requiredOption('--scope <scope>', 'space-separated scopes the API understands, such as "read write"')
    .option('--ttl <duration>', 'access token lifetime: seconds or 15m, 2h, 1d (default: ACCESS_TOKEN_TTL)')
    .action(async (options: Options) => {
      const accessTokenTtl = options.ttl === undefined ? undefined : parseDurationOption('--ttl', options.ttl);
      const store = await deps.openStore();
      const input = { id: options.id, scope: options.scope, accessTokenTtl };
      const resource = await registerResource(store, input, deps.change()).catch((error: unknown) => {
        throw resourceCliError(error);
      });
      emit(
        deps,
        options.json,
        publicResource(resource),
        () => `registered resource ${resource.id} with scope "${resource.scope}"`,
      );
    });
}
