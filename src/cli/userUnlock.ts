// `ostiary user unlock E`: clears the sign-in throttling of an email, so someone who locked
// themselves out can try again at once (unlockAccount). Works for any email, account or not, as
// throttling does.
import { Command } from 'commander';
import { unlockAccount } from '../accounts/unlockAccount.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';

export function userUnlock(deps: CliDeps): Command {
  return new Command('unlock')
    .description('clear the failed sign-in count and lock of an email')
    .argument('<email>', 'the email that was locked')
    .action(async (email: string, options: { json?: boolean }) => {
      const store = await deps.openStore();
      await unlockAccount(store, email, deps.change());
      emit(deps, options.json, { unlocked: true, email }, () => `${email} may sign in again`);
    });
}
