// `ostiary keys rotate [--alg ES256|RS256|EdDSA] [--cookie]`: announces a new signing key per
// algorithm (all three unless --alg), published at once and signing after KEY_PROPAGATION;
// with --cookie, a new cookie-signing secret instead (it signs within seconds).
import { Command, Option } from 'commander';
import { keyTimings } from '../keys/keyTimings.js';
import { rotateCookieKey, rotateSigningKeys } from '../keys/rotateKeys.js';
import type { SigningAlgorithm } from '../keys/SigningKeyRecord.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

const ALGORITHMS: SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

export function keysRotate(deps: CliDeps): Command {
  return new Command('rotate')
    .description('announce a new key: published now, signing after KEY_PROPAGATION (or keys promote KID)')
    .addOption(new Option('--alg <alg>', 'only this algorithm (default: all)').choices(ALGORITHMS))
    .option('--cookie', 'rotate the cookie-signing secret instead of the signing keys')
    .action(async (options: { alg?: SigningAlgorithm; cookie?: boolean; json?: boolean }) => {
      const config = deps.config();
      const store = await deps.openStore();
      const timings = keyTimings(config, await store.resources.list());
      const now = Date.now();
      const added = options.cookie
        ? [
            {
              kid: (await rotateCookieKey(store, now, timings.cookiePropagationMs)).id,
              alg: 'cookie',
              activatesAt: now + timings.cookiePropagationMs,
            },
          ]
        : (await rotateSigningKeys(store, options.alg ? [options.alg] : ALGORITHMS, now, timings.propagationMs)).map(
            ({ kid, alg, activatesAt }) => ({ kid, alg, activatesAt }),
          );
      const keys = added.map((key) => ({
        ...key,
        state: 'next',
        activatesAt: new Date(key.activatesAt ?? now).toISOString(),
      }));
      emit(deps, options.json, { keys }, () =>
        formatTable(
          ['KID', 'ALG', 'STATE', 'SIGNS FROM'],
          keys.map((k) => [k.kid, k.alg, k.state, k.activatesAt]),
        ),
      );
    });
}
