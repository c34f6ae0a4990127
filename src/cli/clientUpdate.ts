// `ostiary client update ID [--name N] [--redirect-uri U]... [--post-logout-redirect-uri U]...
// [--cors-origin O]... [--resource URI]... [--scope "S"]`: changes an existing client
// (updateClient holds the rules). A list flag replaces the whole list; --no-<flag> empties it, and
// --no-scope returns to the default scopes. The secret is neither changed nor shown.
import { Command } from 'commander';
import type { ClientChanges } from '../clients/ClientSettings.js';
import { updateClient } from '../clients/updateClient.js';
import { withoutSecret } from '../clients/withoutSecret.js';
import type { CliDeps } from './CliDeps.js';
import { clientCliError } from './clientCliError.js';
import { collect } from './collect.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { formatFields } from './formatFields.js';
import { parseScope } from './parseScope.js';

interface Options {
  name?: string;
  redirectUri?: string[];
  postLogoutRedirectUri?: string[] | false;
  corsOrigin?: string[] | false;
  resource?: string[] | false;
  scope?: string | false;
  json?: boolean;
}

function changesOf(options: Options): ClientChanges {
  const list = (value: string[] | false | undefined) => (value === false ? [] : value);
  const changes: Record<string, unknown> = {
    name: options.name,
    redirectUris: options.redirectUri,
    postLogoutRedirectUris: list(options.postLogoutRedirectUri),
    corsOrigins: list(options.corsOrigin),
    resources: list(options.resource),
  };
  if (options.scope !== undefined)
    changes.scope = options.scope === false ? undefined : parseScope('--scope', options.scope);
  return Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== undefined || key === 'scope'));
}

export function clientUpdate(deps: CliDeps): Command {
  return new Command('update')
    .description("change a client's name, redirect URIs, logout URIs, CORS origins, APIs or scopes")
    .argument('<client_id>', 'the client to change')
    .option('--name <name>', 'the name shown on the consent page')
    .option('--redirect-uri <uri>', 'replaces the redirect URIs, repeatable', collect)
    .option('--post-logout-redirect-uri <uri>', 'replaces the post-logout URIs, repeatable', collect)
    .option('--no-post-logout-redirect-uri', 'removes every post-logout URI')
    .option('--cors-origin <origin>', 'replaces the CORS origins, repeatable', collect)
    .option('--no-cors-origin', 'removes every CORS origin')
    .option(
      '--resource <uri>',
      'replaces the APIs it may get tokens for, repeatable (the first is the default)',
      collect,
    )
    .option('--no-resource', 'removes every API')
    .option('--scope <scope>', 'replaces the OpenID and API scopes it may request')
    .option('--no-scope', 'returns to the default scopes')
    .action(async (clientId: string, options: Options) => {
      const changes = changesOf(options);
      if (Object.keys(changes).length === 0)
        throw new UsageError('<client_id>', 'nothing to change: give at least one flag');
      const store = await deps.openStore();
      const metadata = await updateClient(
        store,
        clientId,
        changes,
        { production: deps.config().production },
        deps.change(),
      ).catch((error: unknown) => {
        throw clientCliError(error);
      });
      const shown = withoutSecret(metadata);
      emit(deps, options.json, shown, () => formatFields(shown));
    });
}
