// `ostiary client show ID`: one client's metadata. The secret is never shown again: the text form
// says `client_secret (set)`, the JSON form leaves it out.
import { Command } from 'commander';
import { withoutSecret } from '../clients/withoutSecret.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError } from './errors.js';
import { formatFields } from './formatFields.js';

export function clientShow(deps: CliDeps): Command {
  return new Command('show')
    .description("show a client's metadata")
    .argument('<client_id>', 'the client to show')
    .action(async (clientId: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      const metadata = await store.clients.get(clientId);
      if (!metadata) throw new NotFoundError(`no client ${clientId}`);
      const shown = withoutSecret(metadata);
      emit(deps, options.json, shown, () =>
        formatFields(metadata.client_secret ? { ...shown, client_secret: '(set)' } : shown),
      );
    });
}
