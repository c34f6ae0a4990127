// `ostiary keys promote KID`: a next key (or cookie secret, by its id) signs now, without waiting
// for KEY_PROPAGATION. The key it replaces retires and stays published until its tokens expire.
// Resource servers that have not refetched the JWKS yet will reject the new key's tokens until
// they do, which is why rotate waits by default.
import { Command } from 'commander';
import { promoteKey } from '../keys/promoteKey.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError } from './errors.js';

export function keysPromote(deps: CliDeps): Command {
  return (
    new Command('promote')
      .description('make a next key sign now (running servers switch within 5 seconds)')
      .argument('<kid>', 'the key id shown by keys list')
      // A kid is base64url and may start with "-"; it must still be read as the operand, not an option.
      .allowUnknownOption()
      .action(async (kid: string, options: { json?: boolean }) => {
        const store = await deps.openStore();
        const promoted = await promoteKey(store, deps.config(), kid, deps.change());
        if (!promoted) throw new NotFoundError(`no next key with id ${kid} (see ostiary keys list)`);
        emit(deps, options.json, { promoted: true, kid, kind: promoted }, () => `${promoted} ${kid} is current now`);
      })
  );
}
