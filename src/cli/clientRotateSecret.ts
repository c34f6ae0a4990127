// `ostiary client rotate-secret ID [--grace DURATION]`: a new client secret, printed once; with
// --grace the old one is still accepted that long (rotateClientSecret holds the rules).
import { Command } from 'commander';
import { rotateClientSecret } from '../clients/rotateClientSecret.js';
import type { CliDeps } from './CliDeps.js';
import { clientCliError } from './clientCliError.js';
import { emit } from './emit.js';
import { parseDurationOption } from './parseDurationOption.js';

export function clientRotateSecret(deps: CliDeps): Command {
  return new Command('rotate-secret')
    .description('give a confidential client a new secret (printed once)')
    .argument('<client_id>', 'the client')
    .option('--grace <duration>', 'keep accepting the old secret this long, e.g. 1h (default: not at all)')
    .action(async (clientId: string, options: { grace?: string; json?: boolean }) => {
      const graceSeconds =
        options.grace === undefined ? 0 : parseDurationOption('--grace', options.grace, { zero: true });
      const store = await deps.openStore();
      const rotated = await rotateClientSecret(store, clientId, { graceSeconds }, deps.change()).catch(
        (error: unknown) => {
          throw clientCliError(error);
        },
      );
      const until = rotated.previousSecretExpiresAt;
      const previousUntil = until === undefined ? null : new Date(until * 1000).toISOString();
      emit(
        deps,
        options.json,
        { client_id: clientId, client_secret: rotated.clientSecret, previous_secret_valid_until: previousUntil },
        () =>
          `client_secret ${rotated.clientSecret}\n` +
          (previousUntil ? `the old secret is accepted until ${previousUntil}` : 'the old secret no longer works'),
      );
      if (!options.json)
        deps.err('note: the new secret is shown only now; store it where the application can read it\n');
    });
}
