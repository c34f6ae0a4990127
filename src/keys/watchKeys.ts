// Keeps an instance's keys current without a restart: every KEY_POLL_MS it applies due
// transitions (maintainKeys) and re-reads the key ring; when the ring changed, `onChange` rebuilds
// the provider. A store outage only delays this; the instance keeps signing with what it has.
import type { Logger } from 'pino';
import type { Change } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import { describeError } from '../observe/describeError.js';
import type { Store } from '../store/Store.js';
import { KEY_POLL_MS, keyTimings } from './keyTimings.js';
import { maintainKeys } from './maintainKeys.js';
import { type KeyRing, readKeyRing } from './readKeyRing.js';

export interface KeyWatch {
  /** One round now (tests and the CLI-driven flows use it to avoid waiting for the timer). */
  tick(): Promise<void>;
  stop(): void;
}

export function watchKeys(
  store: Store,
  config: AppConfig,
  logger: Logger,
  initial: KeyRing,
  onChange: (ring: KeyRing) => void,
  /** How the server's own transitions are audited (actor `ostiary`). */
  change: Change,
  /** Epoch milliseconds. */
  now: () => number = Date.now,
): KeyWatch {
  let revision = initial.revision;
  let running: Promise<void> | undefined;
  const round = async () => {
    await maintainKeys(store, keyTimings(config, await store.resources.list()), now(), change);
    const ring = await readKeyRing(store);
    if (ring.revision === revision) return;
    revision = ring.revision;
    onChange(ring);
    logger.info({ keys: ring.signing.keys.map(({ kid, alg, state }) => ({ kid, alg, state })) }, 'keys changed');
  };
  const tick = () => {
    running ??= round()
      .catch((error: Error) => logger.warn({ err: describeError(error, { expected: true }) }, 'could not refresh keys'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(tick, KEY_POLL_MS);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
