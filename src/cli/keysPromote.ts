// `ostiary keys promote KID`: a next key (or cookie secret, by its id) signs now, without waiting
// for KEY_PROPAGATION. The key it replaces retires and stays published until its tokens expire.
// Resource servers that have not refetched the JWKS yet will reject the new key's tokens until
// they do, which is why rotate waits by default.
import { Command } from 'commander';
import { Problem } from '../admin/Problem.js';
import { keyRoutes } from '../admin/routes/keyRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { NotFoundError } from './errors.js';

export function keysPromote(deps: CommandDeps): Command {
  return (
    new Command('promote')
      .description('make a next key sign now (running servers switch within 5 seconds)')
      .argument('<kid>', 'the key id shown by keys list')
      // A kid is base64url and may start with "-"; it must still be read as the operand, not an option.
      .allowUnknownOption()
      .action(async (kid: string, options: { json?: boolean }) => {
        const { kind: promoted } = await deps
          .admin()(keyRoutes.promote, { params: { kid } })
          .catch((error: unknown) => {
            if (error instanceof Problem && error.kind === 'not_found')
              throw new NotFoundError(`no next key with id ${kid} (see ostiary keys list)`);
            throw error;
          });
        emit(deps, options.json, { promoted: true, kid, kind: promoted }, () => `${promoted} ${kid} is current now`);
      })
  );
}
