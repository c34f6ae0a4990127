// `ostiary client show ID`: one client's metadata. The secret is never shown again: the text form
// says `client_secret (set)`, the JSON form leaves it out.
import { Command } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatFields } from './formatFields.js';

export function clientShow(deps: CommandDeps): Command {
  return new Command('show')
    .description("show a client's metadata")
    .argument('<client_id>', 'the client to show')
    .action(async (clientId: string, options: { json?: boolean }) => {
      const shown = await deps.admin()(clientRoutes.show, { params: { id: clientId } });
      const confidential = shown.token_endpoint_auth_method !== 'none';
      emit(deps, options.json, shown, () => formatFields(confidential ? { ...shown, client_secret: '(set)' } : shown));
    });
}
