// `ostiary client rotate-secret ID [--grace DURATION]`: a new client secret, printed once; with
// --grace the old one is still accepted that long (rotateClientSecret holds the rules).
import { Command } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { parseDurationOption } from './parseDurationOption.js';

export function clientRotateSecret(deps: CommandDeps): Command {
  return new Command('rotate-secret')
    .description('give a confidential client a new secret (printed once)')
    .argument('<client_id>', 'the client')
    .option('--grace <duration>', 'keep accepting the old secret this long, e.g. 1h (default: not at all)')
    .action(async (clientId: string, options: { grace?: string; json?: boolean }) => {
      const graceSeconds =
        options.grace === undefined ? 0 : parseDurationOption('--grace', options.grace, { zero: true });
      const body = { grace_seconds: graceSeconds };
      const rotated = await deps.admin()(clientRoutes.rotateSecret, { params: { id: clientId }, body });
      const previousUntil = rotated.previous_secret_valid_until;
      emit(
        deps,
        options.json,
        rotated,
        () =>
          `client_secret ${rotated.client_secret}\n` +
          (previousUntil ? `the old secret is accepted until ${previousUntil}` : 'the old secret no longer works'),
      );
      if (!options.json)
        deps.err('note: the new secret is shown only now; store it where the application can read it\n');
    });
}
