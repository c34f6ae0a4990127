// Command-line flags of `npm run bench -- ...`, validated once. Every figure that bounds the run's
// time lives here with its default.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { ScenarioId } from './scenarios.js';
import type { StoreKind } from './servers.js';

export interface BenchOptions {
  /** Seconds per measured round and side. @default 5 (smoke: 1) */
  readonly duration: number;
  /** Measured rounds per side, alternating A B C A B C; rates are their medians. @default 3 (smoke: 1) */
  readonly rounds: number;
  /**
   * Seconds of warm-up per side before the rounds. @default 8 (smoke: 0.25): a fresh server here
   * starts at a fifth to a third of its steady rate and takes 3-15 s to reach it (bench/rampUp.ts).
   */
  readonly warmup: number;
  /** autocannon connections. @default 16 */
  readonly connections: number;
  /** Parallel browsers in the login scenario. @default 8 */
  readonly loginConcurrency: number;
  /** Parallel logins during the login storm. @default 8 (twice libuv's 4 hashing threads) */
  readonly stormLogins: number;
  /** WORKERS for the multi-process client-credentials comparison; 1 skips it. @default 2 */
  readonly workers: string;
  readonly stores: readonly StoreKind[];
  /** 'guessing' is the guessing storm (bench/guessingStorm.ts). */
  readonly scenarios: readonly (ScenarioId | 'guessing')[] | undefined;
  /** Run `npm run build` first, so dist/ is the code in src/. @default true */
  readonly build: boolean;
  /** Write V8 CPU profiles of Ostiary and the baseline to $TMPDIR/ostiary-bench-profiles-<time>/. */
  readonly cpuProf: boolean;
  /** Seconds the whole run may spend waiting for other processes to leave the CPU. @default 30 (smoke: 0) */
  readonly quietWait: number;
  /**
   * Pin each one-process server to CPU 0 and this process (the load) and the redis-servers to
   * CPU 1, so a round never finds server and load on one core. Clustered servers get both CPUs.
   * @default true on a machine with exactly two CPUs
   */
  readonly pin: boolean;
  /**
   * A git revision to run beside this checkout for client credentials and refresh rotation, to
   * show what a change costs (e.g. the commit before it). @default none
   */
  readonly against: string | undefined;
  /** Extra environment for Ostiary's server, for experiments (e.g. UV_THREADPOOL_SIZE=2). */
  readonly ostiaryEnv: Readonly<Record<string, string>>;
  readonly smoke: boolean;
  /** Run the soak (bench/soak.ts) instead of the comparisons. */
  readonly soak: boolean;
  /** How long the soak's load lasts, in minutes. @default 10 */
  readonly soakMinutes: number;
}

export const USAGE = `npm run bench -- [flags]
  --smoke                 every scenario for about a second, one round (for CI)
  --duration S            seconds per round and side (default 5)
  --rounds N              measured rounds per side, alternating A B C A B C; medians (default 3)
  --warmup S              warm-up seconds per side (default 8)
  --connections N         autocannon connections (default 16)
  --login-concurrency N   parallel browsers in the login scenario (default 8)
  --storm-logins N        parallel logins during the login storm (default 8)
  --workers N|auto        WORKERS for the multi-process client-credentials run; 1 skips it (default 2)
  --stores LIST           embedded,redis (default both)
  --only LIST             scenarios: discovery,jwks,client_credentials,refresh,login,introspection,guessing
  --against REV           also run git revision REV (built in a scratch directory) beside this checkout
                          for client_credentials and refresh: what the change since costs;
                          REV..REV2 runs REV2 beside REV instead (what one commit cost)
  --quiet-wait S          before each round, wait (at most 10 s) while other processes use the CPU;
                          S bounds the whole run's waiting (default 30; smoke 0)
  --no-build              use dist/ as it is
  --no-pin                do not pin servers to CPU 0 and the load to CPU 1 (pinned by default on 2 CPUs)
  --ostiary-env K=V       extra environment for Ostiary's server, repeatable (experiments)
  --cpu-prof              write CPU profiles of Ostiary and the baseline to $TMPDIR/ostiary-bench-profiles-<time>/
  --soak                  instead: Ostiary alone on Redis under a mix of logins, refreshes, client credentials
                          and introspection; checks errors, RSS growth, open files and Redis keys (bench/soak.ts)
  --soak-minutes M        how long the soak's load lasts (default 10), then up to 7 min for keys to expire`;

const SCENARIO_IDS: readonly (ScenarioId | 'guessing')[] = [
  'discovery',
  'jwks',
  'client_credentials',
  'refresh',
  'login',
  'introspection',
  'guessing',
];

function positive(name: string, value: string | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new Error(`--${name}: expected a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
  return number;
}

function list<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim());
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0) throw new Error(`--${name}: unknown ${unknown.join(', ')} (one of ${allowed.join(', ')})`);
  return items as T[];
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: 'boolean' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'login-concurrency': { type: 'string' },
      'storm-logins': { type: 'string' },
      workers: { type: 'string' },
      stores: { type: 'string' },
      only: { type: 'string' },
      'no-build': { type: 'boolean' },
      'quiet-wait': { type: 'string' },
      'no-pin': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      'ostiary-env': { type: 'string', multiple: true },
      against: { type: 'string' },
      soak: { type: 'boolean' },
      'soak-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const smoke = values.smoke === true;
  const workers = values.workers ?? '2';
  if (workers !== 'auto' && !(Number.isInteger(Number(workers)) && Number(workers) >= 1)) {
    throw new Error(`--workers: expected a positive integer or auto, got ${workers}`);
  }
  return {
    smoke,
    soak: values.soak === true,
    soakMinutes: positive('soak-minutes', values['soak-minutes'], 10),
    duration: positive('duration', values.duration, smoke ? 1 : 5),
    rounds: positive('rounds', values.rounds, smoke ? 1 : 3, true),
    warmup: positive('warmup', values.warmup, smoke ? 0.25 : 8),
    connections: positive('connections', values.connections, 16, true),
    loginConcurrency: positive('login-concurrency', values['login-concurrency'], 8, true),
    stormLogins: positive('storm-logins', values['storm-logins'], 8, true),
    workers,
    stores: list('stores', values.stores, ['embedded', 'redis'] as const) ?? ['embedded', 'redis'],
    scenarios: list('only', values.only, SCENARIO_IDS),
    build: values['no-build'] !== true,
    cpuProf: values['cpu-prof'] === true,
    against: values.against,
    pin: values['no-pin'] !== true && cpus().length === 2,
    ostiaryEnv: Object.fromEntries(
      (values['ostiary-env'] ?? []).map((pair) => {
        const index = pair.indexOf('=');
        if (index < 1) throw new Error(`--ostiary-env: expected NAME=value, got ${pair}`);
        return [pair.slice(0, index), pair.slice(index + 1)];
      }),
    ),
    quietWait: values['quiet-wait'] === '0' ? 0 : positive('quiet-wait', values['quiet-wait'], smoke ? 0 : 30),
  };
}
