// `ostiary keys rotate [--alg ES256|RS256|EdDSA] [--cookie]`: announces a new signing key per
// algorithm (all three unless --alg), published at once and signing after KEY_PROPAGATION;
// with --cookie, a new cookie-signing secret instead (it signs within seconds). announceKeys
// holds the rules. With --server the server's own KEY_PROPAGATION counts, else this shell's.
import { Command, Option } from 'commander';
import { keyRoutes } from '../admin/routes/keyRoutes.js';
import { SIGNING_ALGORITHMS } from '../keys/announceKeys.js';
import type { SigningAlgorithm } from '../keys/SigningKeyRecord.js';
import type { CommandDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

export function keysRotate(deps: CommandDeps): Command {
  return new Command('rotate')
    .description('announce a new key: published now, signing after KEY_PROPAGATION (or keys promote KID)')
    .addOption(
      new Option(
        '--alg <alg>',
        'only this algorithm, or a first key of it (default: every algorithm that has a key)',
      ).choices(SIGNING_ALGORITHMS),
    )
    .option('--cookie', 'rotate the cookie-signing secret instead of the signing keys')
    .action(async (options: { alg?: SigningAlgorithm; cookie?: boolean; json?: boolean }) => {
      const body = { alg: options.alg, cookie: options.cookie };
      const announced = await deps.admin()(keyRoutes.rotate, { body });
      const keys = announced.keys.map((key) => ({ ...key, state: 'next' }));
      emit(deps, options.json, { keys }, () =>
        formatTable(
          ['KID', 'ALG', 'STATE', 'SIGNS FROM'],
          keys.map((k) => [k.kid, k.alg, k.state, k.activatesAt]),
        ),
      );
    });
}
