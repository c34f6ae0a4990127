// `ostiary user list`: every account with its email, accountId and name, by email, read a page at
// a time through the admin operation users.list. Password hashes are never shown.
import { Command } from 'commander';
import type { AdminOutput } from '../admin/AdminRoute.js';
import { userRoutes } from '../admin/routes/userRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

const PAGE = 500;

export function userList(deps: CommandDeps): Command {
  return new Command('list').description('list accounts').action(async (options: { json?: boolean }) => {
    const admin = deps.admin();
    const users: AdminOutput<typeof userRoutes.list>['users'] = [];
    let cursor: string | undefined;
    do {
      const page = await admin(userRoutes.list, { query: { limit: PAGE, cursor } });
      users.push(...page.users);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
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
