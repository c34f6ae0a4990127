// `ostiary secrets reseal`: re-encrypts every sealed value (the signing keys, the cookie secrets,
// every client secret) under the first OSTIARY_SECRET. Run it after putting a new secret first and
// restarting every instance with that list; then the older secrets can be removed.
import { Command } from 'commander';
import { resealStore } from '../store/sealed/resealStore.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function secretsReseal(deps: CommandDeps): Command {
  return new Command('reseal')
    .description('re-encrypt stored keys and client secrets under the first OSTIARY_SECRET')
    .action(async (options: { json?: boolean }) => {
      const store = await deps.openStore();
      const resealed = await resealStore(store, deps.change());
      emit(
        deps,
        options.json,
        { resealed },
        () =>
          `resealed ${resealed.settings} settings document(s), ${resealed.clients} client secret(s) and ${resealed.accounts} TOTP secret(s) ` +
          'under the first OSTIARY_SECRET',
      );
    });
}
