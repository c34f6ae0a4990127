// `ostiary keys list`: every signing key and cookie secret with its state and planned transition.
// Only public facts are copied out of each record (kid, algorithm, state, times), so no private
// JWK member or secret can ever be printed.
import { Command } from 'commander';
import { asCookieKeySet } from '../keys/loadCookieKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeySet,
  type Lifecycle,
  SIGNING_KEYS_SETTING,
  type SigningKeySet,
} from '../keys/SigningKeyRecord.js';
import type { CliDeps } from './CliDeps.js';
import { emit } from './emit.js';
import { formatTable } from './formatTable.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function transition({ state, activatesAt, removeAt }: Lifecycle) {
  if (state === 'next') return { next: 'current', at: iso(activatesAt) };
  if (state === 'retired') return { next: 'removed', at: iso(removeAt) };
  return undefined;
}

export function keysList(deps: CliDeps): Command {
  return new Command('list')
    .description('list signing keys and cookie secrets (public facts only)')
    .action(async (options: { json?: boolean }) => {
      const store = await deps.openStore();
      const signing = await store.settings.get<SigningKeySet>(SIGNING_KEYS_SETTING);
      const cookies = await store.settings.get<CookieKeySet | string[]>(COOKIE_KEYS_SETTING);
      const keys = [
        ...(signing?.keys ?? []).map((key) => ({ kid: key.kid, alg: key.alg as string, ...facts(key) })),
        ...(cookies ? asCookieKeySet(cookies).keys : []).map((key) => ({ kid: key.id, alg: 'cookie', ...facts(key) })),
      ];
      emit(deps, options.json, { keys }, () =>
        keys.length === 0
          ? 'no keys yet; they are generated when the server first starts'
          : formatTable(
              ['KID', 'ALG', 'STATE', 'CREATED', 'NEXT'],
              keys.map((key) => [
                key.kid,
                key.alg,
                key.state,
                key.createdAt,
                key.transition ? `${key.transition.next} at ${key.transition.at}` : '',
              ]),
            ),
      );
    });
}

const facts = (key: Lifecycle) => ({
  state: key.state,
  createdAt: new Date(key.createdAt).toISOString(),
  ...(transition(key) ? { transition: transition(key) } : {}),
});
