// `ostiary user list`: every account with its email, accountId and name, oldest first. Password
// hashes are never shown.
import { Command } from 'commander';
import { publicAccount } from '../accounts/publicAccount.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

export function userList(deps: CliDeps): Command {
  return new Command('list').description('list accounts').action(async (options: { json?: boolean }) => {
    const store = await deps.openStore();
    const users = (await store.accounts.list()).map(publicAccount);
    emit(deps, options.json, { users }, () =>
      users.length === 0
        ? 'no users yet'
        : formatTable(
            ['EMAIL', 'ACCOUNT ID', 'NAME', 'STATE'],
            users.map((user) => [user.email, user.accountId, user.name ?? '', user.disabled ? 'disabled' : 'active']),
          ),
    );
  });
}
