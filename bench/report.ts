// Turns rounds into figures: per side (rates summed over rounds, latencies averaged), the ratio
// Ostiary/baseline, the issue's targets as met or missed, and the tables printed at the end.
import { cpus } from 'node:os';
import type { Attack, GuessingRound, GuessTally } from './guessingStorm.js';
import type { Measurement } from './load.js';
import type { PeakRss } from './memory.js';
import type { Side, StoreKind, Workers } from './servers.js';

export interface Round extends Measurement {
  /** Redis commands during the round, by command (Redis store only). */
  readonly redisCommands?: Record<string, number>;
  readonly peakRss: PeakRss;
  /** CPU time (user + system) the server's processes spent per response, in microseconds. */
  readonly serverCpuUsPerResponse: number;
  /** Cores' worth of CPU the load generator (this process) used during the round. */
  readonly loadCores: number;
  /** Cores' worth of CPU other processes on the machine used during the round. */
  readonly otherCores: number;
  /** How long the round waited for the machine to quieten first. */
  readonly waitedMs: number;
}

export interface SideSummary {
  readonly side: Side;
  /** Its name in the tables (Target.label). */
  readonly label: string;
  readonly workers: Workers;
  readonly rounds: readonly Round[];
  /** The median of the rounds' rates. */
  readonly okPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly redisCommandsPerRequest: number | undefined;
  readonly peakRssMaxMiB: number;
  readonly peakRssSumMiB: number;
  /** Server CPU per response over all rounds, in microseconds. */
  readonly cpuUsPerResponse: number;
  /** The most CPU the load generator took in any round (cores). */
  readonly loadCoresMax: number;
  /** The most CPU other processes took in any round (cores). */
  readonly otherCoresMax: number;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly store: StoreKind;
  /** 'WORKERS=1' or 'WORKERS=2' and so on (Ostiary's; the baseline is always one process). */
  readonly variant: string;
  readonly ostiary: SideSummary;
  /** The side Ostiary is held to: the fastest (by median rate) of `others`. */
  readonly baseline: SideSummary;
  /** Every side measured beside Ostiary (the plain hosts, or an earlier revision). */
  readonly others: readonly SideSummary[];
  /** Ostiary's median rate over the baseline's. */
  readonly ratio: number;
  /** The lowest and highest ratio of one Ostiary round to the baseline's round of the same turn. */
  readonly ratioRange: readonly [number, number];
}

/** Ostiary's figures against the fastest of the others. */
export function scenarioResult(
  scenario: { readonly id: string; readonly title: string; readonly unit: string },
  store: StoreKind,
  variant: string,
  ostiary: SideSummary,
  others: readonly SideSummary[],
): ScenarioResult {
  const baseline = others.reduce((best, side) => (side.okPerSecond > best.okPerSecond ? side : best));
  return {
    id: scenario.id,
    title: scenario.title,
    unit: scenario.unit,
    store,
    variant,
    ostiary,
    baseline,
    others,
    ratio: ostiary.okPerSecond / Math.max(0.001, baseline.okPerSecond),
    ratioRange: ratioRange(ostiary.rounds, baseline.rounds),
  };
}

export interface StormRound extends Measurement {
  readonly otherCores: number;
}

export interface StormResult {
  readonly store: StoreKind;
  /** The fixed client-credentials request rate of both phases, per second. */
  readonly rate: number;
  readonly loginConcurrency: number;
  readonly idle: readonly StormRound[];
  readonly storm: readonly StormRound[];
  readonly logins: readonly Measurement[];
  /** Means over the rounds. */
  readonly idleP50Ms: number;
  readonly idleP99Ms: number;
  readonly stormP50Ms: number;
  readonly stormP99Ms: number;
  readonly loginsPerSecond: number;
  readonly failures: number;
  readonly otherCoresMax: number;
  /** storm p99 / idle p99. */
  readonly ratio: number;
}

export function stormResult(
  store: StoreKind,
  rate: number,
  loginConcurrency: number,
  idle: readonly StormRound[],
  storm: readonly StormRound[],
  logins: readonly Measurement[],
): StormResult {
  const idleP99Ms = mean(idle.map((round) => round.p99Ms));
  const stormP99Ms = mean(storm.map((round) => round.p99Ms));
  return {
    store,
    rate,
    loginConcurrency,
    idle,
    storm,
    logins,
    idleP50Ms: mean(idle.map((round) => round.p50Ms)),
    idleP99Ms,
    stormP50Ms: mean(storm.map((round) => round.p50Ms)),
    stormP99Ms,
    loginsPerSecond: mean(logins.map((round) => round.okPerSecond)),
    failures: [...idle, ...storm, ...logins].reduce((sum, round) => sum + round.failures, 0),
    otherCoresMax: Math.max(0, ...[...idle, ...storm].map((round) => round.otherCores)),
    ratio: stormP99Ms / Math.max(0.001, idleP99Ms),
  };
}

export interface GuessingResult {
  readonly store: StoreKind;
  readonly attack: Attack;
  readonly rounds: readonly GuessingRound[];
  /** Means over the rounds, of the real user's sign-ins. */
  readonly idleP50Ms: number;
  readonly idleP99Ms: number;
  readonly stormP50Ms: number;
  readonly stormP99Ms: number;
  /** storm p99 / idle p99. */
  readonly ratio: number;
  /** The real user's sign-ins that did not complete, idle or storming. */
  readonly refused: number;
  /** How the guesses were answered, summed over the rounds, and their rate. */
  readonly guesses: GuessTally;
  readonly guessesPerSecond: number;
  readonly otherCoresMax: number;
}

export function guessingResult(store: StoreKind, attack: Attack, rounds: readonly GuessingRound[]): GuessingResult {
  const idleP99Ms = mean(rounds.map((round) => round.idle.p99Ms));
  const stormP99Ms = mean(rounds.map((round) => round.storm.p99Ms));
  const guesses: GuessTally = { hashed: 0, throttled: 0, busy: 0, other: 0 };
  for (const round of rounds) {
    for (const key of Object.keys(guesses) as (keyof GuessTally)[]) guesses[key] += round.guesses[key];
  }
  const total = guesses.hashed + guesses.throttled + guesses.busy + guesses.other;
  const seconds = rounds.reduce((sum, round) => sum + round.storm.seconds, 0);
  return {
    store,
    attack,
    rounds,
    idleP50Ms: mean(rounds.map((round) => round.idle.p50Ms)),
    idleP99Ms,
    stormP50Ms: mean(rounds.map((round) => round.storm.p50Ms)),
    stormP99Ms,
    ratio: stormP99Ms / Math.max(0.001, idleP99Ms),
    refused: rounds.reduce((sum, round) => sum + round.idle.failures + round.storm.failures, 0),
    guesses,
    guessesPerSecond: total / Math.max(0.001, seconds),
    otherCoresMax: Math.max(0, ...rounds.map((round) => round.otherCores)),
  };
}

export interface TargetResult {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  /** undefined: could not be measured (see note). */
  readonly met: boolean | undefined;
  readonly note?: string;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** Per-round ratios (round i of Ostiary over round i of the baseline): the spread of the ratio. */
export function ratioRange(ours: readonly Round[], theirs: readonly Round[]): [number, number] {
  const ratios = ours.map((round, index) => round.okPerSecond / Math.max(0.001, theirs[index]?.okPerSecond ?? 0));
  return [Math.min(...ratios), Math.max(...ratios)];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export function summarize(
  { side, label, workers }: { side: Side; label: string; workers: Workers },
  rounds: readonly Round[],
): SideSummary {
  const responses = rounds.reduce((sum, round) => sum + round.responses, 0);
  const withRedis = rounds.filter((round) => round.redisCommands);
  const commands = withRedis.reduce(
    (sum, round) => sum + Object.values(round.redisCommands ?? {}).reduce((a, b) => a + b, 0),
    0,
  );
  return {
    side,
    label,
    workers,
    rounds,
    okPerSecond: median(rounds.map((round) => round.okPerSecond)),
    p50Ms: mean(rounds.map((round) => round.p50Ms)),
    p99Ms: mean(rounds.map((round) => round.p99Ms)),
    failures: rounds.reduce((sum, round) => sum + round.failures, 0),
    redisCommandsPerRequest: withRedis.length > 0 ? commands / Math.max(1, responses) : undefined,
    peakRssMaxMiB: Math.max(0, ...rounds.map((round) => round.peakRss.maxMiB)),
    peakRssSumMiB: Math.max(0, ...rounds.map((round) => round.peakRss.sumMiB)),
    cpuUsPerResponse:
      rounds.reduce((sum, round) => sum + round.serverCpuUsPerResponse * round.responses, 0) / Math.max(1, responses),
    loadCoresMax: Math.max(0, ...rounds.map((round) => round.loadCores)),
    otherCoresMax: Math.max(0, ...rounds.map((round) => round.otherCores)),
  };
}

const RSS_LIMIT_MIB = 150;
const NOISY_CORES = 0.25; // other processes used more than a quarter core during a round

const noisy = (otherCores: number) =>
  otherCores > NOISY_CORES ? { note: `noisy: other processes used up to ${otherCores.toFixed(2)} cores` } : {};

/**
 * The issue's targets, from what was measured. `workers` is the WORKERS value of the
 * multi-process run ('1': none was asked for).
 */
export function evaluateTargets(
  results: readonly ScenarioResult[],
  storms: readonly StormResult[],
  workers: string,
  guessing: readonly GuessingResult[] = [],
): TargetResult[] {
  const targets: TargetResult[] = [];
  const find = (id: string, store: StoreKind, variant = 'WORKERS=1') =>
    results.find(
      (result) =>
        result.id === id && result.store === store && result.variant === variant && result.baseline.side === 'baseline',
    );
  const ratioTarget = (name: string, id: string, store: StoreKind, goal: number, variant?: string) => {
    const result = find(id, store, variant);
    if (!result) return;
    const noise = noisy(Math.max(result.ostiary.otherCoresMax, result.baseline.otherCoresMax)).note;
    // Workers share the machine with the load generator; how much it took says what was left.
    const load =
      result.ostiary.workers.running > 1
        ? `the load generator used up to ${result.ostiary.loadCoresMax.toFixed(2)} of ${cpus().length} cores`
        : undefined;
    const note = [load, noise].filter(Boolean).join('; ');
    const rounds =
      result.ratioRange[0] === result.ratioRange[1]
        ? ''
        : `, rounds ${result.ratioRange[0].toFixed(2)}–${result.ratioRange[1].toFixed(2)}`;
    targets.push({
      name: `${name} [${store}]`,
      goal: `≥ ${goal}× the faster plain host`,
      value: `${result.ratio.toFixed(2)}× (vs ${result.baseline.label}${rounds})`,
      met: result.ratio >= goal,
      ...(note ? { note } : {}),
    });
  };
  const stores = [...new Set(results.map((result) => result.store))];
  for (const store of stores) {
    ratioTarget('client credentials, 1 worker', 'client_credentials', store, 1.25);
    const multi = `WORKERS=${workers}`; // '1': no multi-process run was asked for
    if (workers !== '1' && find('client_credentials', store, multi)) {
      ratioTarget(`client credentials, ${multi}`, 'client_credentials', store, 1.6, multi);
    } else if (workers !== '1' && find('client_credentials', store)) {
      targets.push({
        name: `client credentials, ${multi} [${store}]`,
        goal: '≥ 1.6× the faster plain host',
        value: '–',
        met: undefined,
        note: 'WORKERS not supported: the server started no cluster workers',
      });
    }
    ratioTarget('discovery', 'discovery', store, 3);
    ratioTarget('JWKS', 'jwks', store, 3);
    if (store === 'redis') ratioTarget('refresh rotation (atomic vs non-atomic adapter)', 'refresh', store, 1.0);
    ratioTarget('introspection', 'introspection', store, 1.0);
  }
  for (const storm of storms) {
    targets.push({
      name: `token p99 during a login storm [${storm.store}]`,
      goal: '< 2× idle p99',
      value: `${storm.ratio.toFixed(2)}× (${storm.idleP99Ms.toFixed(1)} → ${storm.stormP99Ms.toFixed(1)} ms)`,
      met: storm.ratio < 2,
      ...noisy(storm.otherCoresMax),
    });
  }
  // The issue's storm is 32 connections from one attacker's address; the 32-address variant is
  // reported beside it for what it shows (a distributed burst), without a target.
  for (const result of guessing.filter((each) => each.attack === 'one address')) {
    targets.push({
      name: `a real user's login p99 while 32 connections guess (${result.attack}) [${result.store}]`,
      goal: '< 1 s and < 3× idle, none refused',
      value:
        `${result.ratio.toFixed(2)}× (${result.idleP99Ms.toFixed(0)} → ${result.stormP99Ms.toFixed(0)} ms)` +
        `${result.refused ? `, ${result.refused} refused` : ''}`,
      met: result.stormP99Ms < 1000 && result.ratio < 3 && result.refused === 0,
      ...noisy(result.otherCoresMax),
    });
  }
  // This checkout against an earlier revision (--against), or with its request log off: what the
  // change costs. Judged by CPU per request, the throughput one core gives: on this VM the rate of
  // one 5 s round swings by more than the 5 % to be told apart, the CPU a request takes much less.
  for (const result of results.filter((each) => each.baseline.side === 'previous')) {
    const cpuRatio = result.baseline.cpuUsPerResponse / Math.max(0.001, result.ostiary.cpuUsPerResponse);
    targets.push({
      name: `${result.title}: ${result.ostiary.label} vs ${result.baseline.label} [${result.store}]`,
      goal: '≥ 0.95× by CPU per request',
      value:
        `${cpuRatio.toFixed(2)}× (${result.ostiary.cpuUsPerResponse.toFixed(0)} vs ${result.baseline.cpuUsPerResponse.toFixed(0)} µs; ` +
        `rate ${result.ratio.toFixed(2)}×, rounds ${result.ratioRange[0].toFixed(2)}–${result.ratioRange[1].toFixed(2)})`,
      met: cpuRatio >= 0.95,
      ...noisy(Math.max(result.ostiary.otherCoresMax, result.baseline.otherCoresMax)),
    });
  }
  for (const store of stores) {
    const ours = results
      .filter((result) => result.store === store && result.baseline.side === 'baseline')
      .map((result) => result.ostiary);
    if (ours.length === 0) continue;
    const peak = Math.max(...ours.map((summary) => summary.peakRssMaxMiB));
    targets.push({
      name: `peak RSS per worker [${store}]`,
      goal: `< ${RSS_LIMIT_MIB} MiB`,
      value: `${peak.toFixed(0)} MiB`,
      met: peak > 0 ? peak < RSS_LIMIT_MIB : undefined,
    });
  }
  return targets;
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const rate = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function formatScenario(title: string, unit: string, results: readonly ScenarioResult[]): string {
  const header = [
    'store',
    'variant',
    'side',
    unit,
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'redis cmd/req',
    'CPU µs/req',
    'peak RSS MiB',
    'ratio',
    'others CPU',
  ];
  const rows: string[][] = [header];
  for (const result of results) {
    for (const summary of [result.ostiary, ...result.others]) {
      const ours = summary.side === 'ostiary';
      // Ostiary's row carries the ratio; the side it was held to says so.
      const ratio = ours
        ? `${result.ratio.toFixed(2)}×`
        : summary === result.baseline && result.others.length > 1
          ? 'ref'
          : '';
      const store = summary.side !== 'baseline' ? result.store : result.store === 'redis' ? 'redis' : 'memory';
      const procs =
        summary.workers.running > 1
          ? ` (${summary.workers.running}: max; sum ${summary.peakRssSumMiB.toFixed(0)})`
          : '';
      rows.push([
        store,
        ours || summary.side === 'previous' ? result.variant : '1 process',
        summary.label,
        rate(summary.okPerSecond),
        ms(summary.p50Ms),
        ms(summary.p99Ms),
        String(summary.failures),
        summary.redisCommandsPerRequest === undefined ? '–' : summary.redisCommandsPerRequest.toFixed(1),
        summary.cpuUsPerResponse.toFixed(0),
        `${summary.peakRssMaxMiB.toFixed(0)}${procs}`,
        ratio,
        summary.otherCoresMax.toFixed(2),
      ]);
    }
  }
  return `${title}\n${table(rows, new Set([3, 4, 5, 6, 7, 8, 9, 11]))}`;
}

export function formatStorms(storms: readonly StormResult[]): string {
  const rows = [
    [
      ...['store', 'cc rate/s', 'idle p50', 'idle p99', 'storm p50', 'storm p99'],
      ...['p99 ratio', 'logins/s', 'failed', 'others CPU'],
    ],
  ];
  for (const storm of storms) {
    rows.push([
      storm.store,
      String(storm.rate),
      ms(storm.idleP50Ms),
      ms(storm.idleP99Ms),
      ms(storm.stormP50Ms),
      ms(storm.stormP99Ms),
      `${storm.ratio.toFixed(2)}×`,
      rate(storm.loginsPerSecond),
      String(storm.failures),
      storm.otherCoresMax.toFixed(2),
    ]);
  }
  const title = 'client credentials at a fixed rate, idle and during a login storm (Ostiary; latencies in ms)';
  return `${title}\n${table(rows, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]))}`;
}

export function formatGuessing(results: readonly GuessingResult[]): string {
  const rows = [
    [
      ...['store', 'attack', 'idle p50', 'idle p99', 'storm p50', 'storm p99', 'p99 ratio', 'refused'],
      ...['guesses/s', 'checked', 'throttled', 'busy', 'others CPU'],
    ],
  ];
  for (const result of results) {
    rows.push([
      result.store,
      result.attack,
      ms(result.idleP50Ms),
      ms(result.idleP99Ms),
      ms(result.stormP50Ms),
      ms(result.stormP99Ms),
      `${result.ratio.toFixed(2)}×`,
      String(result.refused),
      rate(result.guessesPerSecond),
      String(result.guesses.hashed),
      String(result.guesses.throttled),
      String(result.guesses.busy),
      result.otherCoresMax.toFixed(2),
    ]);
  }
  const title =
    "a real user's sign-in, idle and while 32 connections guess passwords (Ostiary, default throttling; ms)";
  return `${title}\n${table(rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))}`;
}

export function formatTargets(targets: readonly TargetResult[]): string {
  const rows = [['target', 'goal', 'measured', 'result']];
  for (const target of targets) {
    const note = target.note ? ` (${target.note})` : '';
    const verdict = target.met === undefined ? `not measured${note}` : `${target.met ? 'met' : 'MISSED'}${note}`;
    rows.push([target.name, target.goal, target.value, verdict]);
  }
  return `targets (issues 5, 8 and 13)\n${table(rows, new Set())}`;
}
