// `ostiary resource add --id URI --scope "S" [--ttl SECONDS]`: registers an API that accepts our
// JWT access tokens (RFC 8707). The id becomes their `aud`; the scopes are the API's own, so the
// OpenID scopes openid and offline_access are refused.
import { Command } from 'commander';
import { parseDuration } from '../config/parseDuration.js';
import type { Resource } from '../store/Store.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { parseScope } from './parseScope.js';
import { publicResource } from './publicResource.js';

interface Options {
  id: string;
  scope: string;
  ttl?: string;
  json?: boolean;
}

function checkId(id: string): string {
  try {
    new URL(id);
  } catch {
    throw new UsageError('--id', `an absolute URI such as https://api.example.com, got "${id}"`);
  }
  if (id.includes('#')) throw new UsageError('--id', `must not contain a fragment (#), got "${id}"`);
  return id;
}

export function resourceAdd(deps: CliDeps): Command {
  return new Command('add')
    .description('register an API (resource server)')
    .requiredOption('--id <uri>', 'the resource indicator: an absolute URI without fragment, used as `aud`')
    .requiredOption('--scope <scope>', 'space-separated scopes the API understands, such as "read write"')
    .option('--ttl <duration>', 'access token lifetime: seconds or 15m, 2h, 1d (default: ACCESS_TOKEN_TTL)')
    .action(async (options: Options) => {
      const id = checkId(options.id);
      const scope = parseScope('--scope', options.scope, ['openid', 'offline_access']).join(' ');
      const accessTokenTtl = options.ttl === undefined ? undefined : parseDuration(options.ttl);
      if (options.ttl !== undefined && accessTokenTtl === undefined) {
        throw new UsageError('--ttl', `a positive number of seconds or a duration such as 15m, got "${options.ttl}"`);
      }
      const store = await deps.openStore();
      if (await store.resources.get(id)) {
        throw new UsageError('--id', `${id} is already registered (ostiary resource remove it first)`);
      }
      const resource: Resource = { id, scope, accessTokenTtl, createdAt: Date.now() };
      await store.resources.put(resource);
      emit(deps, options.json, publicResource(resource), () => `registered resource ${id} with scope "${scope}"`);
    });
}
