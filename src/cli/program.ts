// The `ostiary` command tree: one noun per domain, one file per verb. Output goes through the
// injected writers and commander never exits the process (runProgram maps its errors to codes).
import { Command } from 'commander';
import { VERSION } from '../version.js';
import type { CliDeps, CommandDeps } from './CliDeps.js';
import { clientAdd } from './clientAdd.js';
import { clientList } from './clientList.js';
import { clientRemove } from './clientRemove.js';
import { clientRotateSecret } from './clientRotateSecret.js';
import { clientShow } from './clientShow.js';
import { clientUpdate } from './clientUpdate.js';
import { UsageError } from './errors.js';
import { init } from './init.js';
import { keysList } from './keysList.js';
import { keysPromote } from './keysPromote.js';
import { keysRotate } from './keysRotate.js';
import { localAdmin } from './localAdmin.js';
import { registrationTokenCreate } from './registrationTokenCreate.js';
import { resourceAdd } from './resourceAdd.js';
import { resourceList } from './resourceList.js';
import { resourceRemove } from './resourceRemove.js';
import { resourceUpdate } from './resourceUpdate.js';
import { secretsReseal } from './secretsReseal.js';
import { userAdd } from './userAdd.js';
import { userDisable, userEnable } from './userDisable.js';
import { userList } from './userList.js';
import { userMfaReset } from './userMfaReset.js';
import { userRemove } from './userRemove.js';
import { userRevoke } from './userRevoke.js';
import { userSetPassword } from './userSetPassword.js';
import { userShow } from './userShow.js';
import { userUnlock } from './userUnlock.js';
import { userUpdate } from './userUpdate.js';

/**
 * Adds a noun (`user`, `client`, ...). Its verbs inherit the root's output and exit settings, and
 * each gets --json: the result as exactly one JSON object on stdout (see emit.ts).
 */
function noun(parent: Command, name: string, description: string, verbs: readonly Command[]): Command {
  const command = parent.command(name).description(description);
  for (const verb of verbs) {
    verb
      .option('--json', 'print the result as one JSON object on stdout')
      .option('--server <url>', SERVER_HELP)
      .copyInheritedSettings(command);
    command.addCommand(verb);
  }
  return command;
}

const SERVER_HELP =
  'operate the server at this URL (its ISSUER) through its admin API, as the client ' +
  'OSTIARY_CLIENT_ID with OSTIARY_CLIENT_SECRET (default: OSTIARY_URL; unset: work on the store itself)';

/**
 * What the commands work with: the admin operations on the store here or, with --server (or
 * OSTIARY_URL), on that server; the store itself only when no server is named.
 */
function commandDeps(deps: CliDeps, server: () => string | undefined): CommandDeps {
  return {
    ...deps,
    openStore: async (options) => {
      const url = server();
      if (url)
        throw new UsageError(
          '--server',
          `this command works on the store itself, not through ${url}: run it where DATA_DIR or REDIS_URL ` +
            'and OSTIARY_SECRET are set, without --server or OSTIARY_URL',
        );
      return deps.openStore(options);
    },
    admin: () => {
      const url = server();
      return url ? deps.remote(url) : localAdmin(deps);
    },
  };
}

export function program(cliDeps: CliDeps, { json = false } = {}): Command {
  const root = new Command('ostiary')
    .description('Manage the accounts, clients, resources and keys of an Ostiary server.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--server <url>', SERVER_HELP)
    // The root's options only before the command: after it, "-V..." is a key id (keys promote),
    // not --version. Each command has its own --server.
    .enablePositionalOptions()
    .exitOverride()
    // With --json, runProgram says a usage error as a JSON object instead.
    .configureOutput({ writeOut: cliDeps.out, writeErr: cliDeps.err, ...(json ? { outputError: () => {} } : {}) })
    .showHelpAfterError(json ? false : '(add --help for usage)');
  let chosen: string | undefined;
  root.hook('preAction', (_root, action) => {
    chosen = action.opts<{ server?: string }>().server ?? root.opts<{ server?: string }>().server;
  });
  const deps = commandDeps(cliDeps, () => chosen ?? cliDeps.server);
  root.addCommand(
    init(deps)
      .option('--json', 'print the result as one JSON object on stdout')
      .option('--server <url>', SERVER_HELP)
      .copyInheritedSettings(root),
  );
  const user = noun(root, 'user', 'accounts that sign in', [
    userAdd(deps),
    userList(deps),
    userShow(deps),
    userUpdate(deps),
    userRemove(deps),
    userSetPassword(deps),
    userRevoke(deps),
    userDisable(deps),
    userEnable(deps),
    userUnlock(deps),
  ]);
  noun(user, 'mfa', 'second factors of an account', [userMfaReset(deps)]);
  noun(root, 'client', 'applications that ask for tokens', [
    clientAdd(deps),
    clientList(deps),
    clientShow(deps),
    clientUpdate(deps),
    clientRemove(deps),
    clientRotateSecret(deps),
  ]);
  noun(root, 'registration-token', 'initial access tokens for dynamic client registration (REGISTRATION=true)', [
    registrationTokenCreate(deps),
  ]);
  noun(root, 'resource', 'APIs that accept access tokens', [
    resourceAdd(deps),
    resourceList(deps),
    resourceUpdate(deps),
    resourceRemove(deps),
  ]);
  noun(root, 'keys', 'token signing keys and cookie secrets', [keysList(deps), keysRotate(deps), keysPromote(deps)]);
  noun(root, 'secrets', 'the master secrets (OSTIARY_SECRET) that seal keys and client secrets', [secretsReseal(deps)]);
  return root;
}
