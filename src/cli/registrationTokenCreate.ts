// `ostiary registration-token create [--expires 1d] [--uses N]`: an initial access token for
// dynamic client registration (REGISTRATION=true), printed once (clients.createRegistrationToken).
import { Command } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { parseDurationOption } from './parseDurationOption.js';

export function registrationTokenCreate(deps: CommandDeps): Command {
  return new Command('create')
    .description('issue an initial access token that lets a client register itself at /reg (RFC 7591)')
    .option('--expires <duration>', 'how long it can be used, e.g. 1h or 7d (default: 1d, at most 30d)')
    .option('--uses <n>', 'how many clients it may register (default: 1)')
    .action(async (options: { expires?: string; uses?: string; json?: boolean }) => {
      const uses = options.uses === undefined ? undefined : Number(options.uses);
      if (uses !== undefined && !(Number.isInteger(uses) && uses >= 1 && uses <= 1000)) {
        throw new UsageError('--uses', `a whole number from 1 to 1000, got "${options.uses}"`);
      }
      const body = {
        ...(options.expires === undefined ? {} : { expires_in: parseDurationOption('--expires', options.expires) }),
        ...(uses === undefined ? {} : { uses }),
      };
      const issued = await deps.admin()(clientRoutes.createRegistrationToken, { body });
      emit(
        deps,
        options.json,
        issued,
        () =>
          `token ${issued.token}\nregisters ${issued.uses} client${issued.uses === 1 ? '' : 's'} at ` +
          `${issued.registration_endpoint} until ${issued.expires_at}`,
      );
      if (!options.json) {
        deps.err('note: the token is shown only now; the registrant sends it as "Authorization: Bearer <token>"\n');
      }
    });
}
