// `ostiary user update E [--role R]... [--group G]... [--attr key=value]... [--no-role] [--no-group]
// [--no-attr]`: what an account carries for APIs and apps to authorize on (users.update;
// updateAccountClaims holds the rules). --role and --group replace the lists; --attr sets a key
// (`key=` removes it) and leaves the others; each --no- flag clears its kind.
import { Command } from 'commander';
import { userRoutes } from '../admin/routes/userRoutes.js';
import { accountByEmail } from './accountByEmail.js';
import { attributePairs } from './attributePairs.js';
import type { CommandDeps } from './CliDeps.js';
import { collect } from './collect.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { formatFields } from './formatFields.js';

interface Options {
  role?: string[] | false;
  group?: string[] | false;
  attr?: string[] | false;
  json?: boolean;
}

/** `--attr department=R&D` → ["department", "R&D"]; `--attr department=` removes it. */
function attributeChanges(pairs: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError('--attr', `key=value (key= removes it), got "${pair}"`);
      const value = pair.slice(at + 1);
      return [pair.slice(0, at), value === '' ? null : value];
    }),
  );
}

export function userUpdate(deps: CommandDeps): Command {
  return new Command('update')
    .description("set an account's roles, groups and attributes (what APIs and apps authorize on)")
    .argument('<email>', 'the email of the account')
    .option('--role <role>', 'replaces the roles, repeatable', collect)
    .option('--no-role', 'removes every role')
    .option('--group <group>', 'replaces the groups, repeatable', collect)
    .option('--no-group', 'removes every group')
    .option('--attr <key=value>', 'sets an attribute (key= removes it), repeatable; the others stay', collect)
    .option('--no-attr', 'removes every attribute')
    .action(async (email: string, options: Options) => {
      const admin = deps.admin();
      const account = await accountByEmail(admin, email);
      const clearAll = Object.fromEntries(Object.keys(account.attributes).map((key) => [key, null]));
      const body = {
        ...(options.role === undefined ? {} : { roles: options.role || [] }),
        ...(options.group === undefined ? {} : { groups: options.group || [] }),
        ...(options.attr === undefined
          ? {}
          : { attributes: options.attr === false ? clearAll : attributeChanges(options.attr) }),
      };
      if (Object.keys(body).length === 0) throw new UsageError('<email>', 'nothing to change: give at least one flag');
      const updated = await admin(userRoutes.update, { params: { id: account.accountId }, body });
      const { roles, groups, attributes } = updated;
      emit(deps, options.json, updated, () =>
        formatFields({ email: updated.email, roles, groups, attributes: attributePairs(attributes) }),
      );
    });
}
