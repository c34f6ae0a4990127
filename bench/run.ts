// npm run bench: Ostiary, as `npm start` runs it, against two plain oidc-provider hosts
// (bench/baseline/: node:http straight into `provider.callback()`, and a minimal Koa app in front
// of it), side by side in one run, per store (embedded vs the memory adapter, Redis vs a plain
// Redis adapter); every target is held against the faster of the two. Per scenario: a warm-up per
// side, then measured rounds alternating A B C A B C (compare.ts). Then the login storm
// (storm.ts), client credentials and refresh against an earlier revision (--against), client
// credentials with the request log on and off, the guessing storms (guessingStorm.ts) and client
// credentials with WORKERS. `--soak` runs bench/soak.ts instead. Prints a table per
// scenario and the issues' targets; writes everything to bench/results/. Every server and redis-server it starts is
// stopped at the end, on an error and on Ctrl-C. `npm run bench -- --help` lists the flags.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compare } from './compare.js';
import { createContext, type RunContext } from './context.js';
import { ATTACKS, guessingStorm } from './guessingStorm.js';
import { type MachineInfo, machineInfo } from './machine.js';
import { rssMiB } from './memory.js';
import { parseOptions, USAGE } from './options.js';
import { installCleanup, stopAll } from './processes.js';
import {
  evaluateTargets,
  formatGuessing,
  formatScenario,
  formatStorms,
  formatTargets,
  type GuessingResult,
  guessingResult,
  type ScenarioResult,
  type StormResult,
} from './report.js';
import { prepareRevision, type Revision } from './revision.js';
import { clientCredentials, refreshRotation, SCENARIOS, type Scenario } from './scenarios.js';
import {
  BASELINE_HOSTS,
  compileBaseline,
  createOstiaryStore,
  type OstiaryStore,
  type StoreKind,
  startBaseline,
  startOstiary,
  type Target,
} from './servers.js';
import { formatSoak, soak } from './soak.js';
import { loginStorm } from './storm.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULTS = join(ROOT, 'bench/results');

/** Writes `report` as JSON to each of `names` in bench/results/ and says so. */
function writeResults(context: RunContext, report: object, ...names: string[]) {
  mkdirSync(RESULTS, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  for (const name of names) writeFileSync(join(RESULTS, name), json);
  context.log(`wrote ${names.map((name) => `bench/results/${name}`).join(' and ')}`);
}

interface Findings {
  readonly results: ScenarioResult[];
  readonly storms: StormResult[];
  readonly guessing: GuessingResult[];
  readonly idleRss: { store: StoreKind; ostiaryMiB: number; baselineMiB: number }[];
  readonly notes: string[];
}

const sumRss = (pids: readonly number[]) => pids.reduce((sum, pid) => sum + (rssMiB(pid) ?? 0), 0);

async function build(context: RunContext): Promise<void> {
  context.log('building Ostiary (npm run build)...');
  try {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 180_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed:\n${stdout}${stderr}`);
  }
}

/** Client credentials again, Ostiary with WORKERS (sharing the store) against the same baseline. */
async function compareWorkers(
  context: RunContext,
  prepared: OstiaryStore,
  baselines: readonly Target[],
  findings: Findings,
  cpuProfDir: string | undefined,
): Promise<void> {
  const { options, log } = context;
  const ostiary = await startOstiary(prepared, {
    workers: options.workers,
    env: options.ostiaryEnv,
    ...(cpuProfDir ? { cpuProfDir } : {}),
  });
  try {
    const variant = `WORKERS=${options.workers}`;
    if (!ostiary.workers.supported) {
      // Nothing to compare: it would only measure one process again.
      const note = `WORKERS not supported: WORKERS=${options.workers} started one process (no cluster workers found)`;
      log(note);
      if (!findings.notes.includes(note)) findings.notes.push(note);
      return;
    }
    log(`${variant}: ${ostiary.workers.running} worker processes`);
    log(`${clientCredentials.title} [${prepared.store}, ${variant}]`);
    findings.results.push(await compare(context, clientCredentials, ostiary, baselines, variant));
  } finally {
    await ostiary.stop();
  }
}

/** One side of a comparison between two Ostiary servers: a build (this checkout unless `root`) and its env. */
interface Build {
  readonly root?: string;
  /** Its name in the tables: 'ostiary' for this checkout. */
  readonly label?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * `scenarios` on two Ostiary servers, `ours` against `theirs`: both fresh, each on a store its own
 * `ostiary` command filled, so neither carries the other scenarios' history (a server that has
 * served them uses measurably more CPU per token). Their targets (the "previous" side's): within 5 %.
 */
async function compareBuilds(
  context: RunContext,
  store: StoreKind,
  scenarios: readonly Scenario[],
  [ours, theirs]: readonly [Build, Build],
  variant: string,
  findings: Findings,
  cpuProfDir: string | undefined,
) {
  const { options, log } = context;
  if (scenarios.length === 0) return;
  const prepared = await Promise.all(
    [ours, theirs].map(({ root, label }) =>
      createOstiaryStore(store, { ...(root ? { root } : {}), ...(label ? { label } : {}) }),
    ),
  );
  const started: Target[] = [];
  try {
    const profile = cpuProfDir ? { cpuProfDir } : {};
    for (const [index, build] of [ours, theirs].entries()) {
      const env = { ...options.ostiaryEnv, ...build.env };
      started.push(await startOstiary(prepared[index] as OstiaryStore, { env, ...profile }));
    }
    const [first, second] = started as [Target, Target];
    for (const scenario of scenarios) {
      log(`${scenario.title} [${store}, ${first.label} vs ${second.label}]`);
      findings.results.push(await compare(context, scenario, first, [second], variant));
    }
  } finally {
    await Promise.all(started.map((target) => target.stop()));
    await Promise.all(prepared.map((each) => each.dispose()));
  }
}

/**
 * What the request log costs: client credentials with every request logged (the default level, as
 * shipped; stdout a pipe the bench reads, as a log collector would) against the same build with
 * LOG_LEVEL=silent.
 */
function compareLogging(context: RunContext, store: StoreKind, findings: Findings, cpuProfDir: string | undefined) {
  const { scenarios } = context.options;
  if (scenarios && !scenarios.includes(clientCredentials.id)) return;
  const builds = [{}, { label: 'LOG_LEVEL=silent', env: { LOG_LEVEL: 'silent' } }] as const;
  return compareBuilds(context, store, [clientCredentials], builds, 'vs LOG_LEVEL=silent', findings, cpuProfDir);
}

/**
 * --against: an earlier revision (`before`), and this checkout or another revision (`after`,
 * with --against BEFORE..AFTER: what one change cost, measured in the same run).
 */
interface Against {
  readonly before: Revision;
  readonly after: Revision | undefined;
}

/** Client credentials and refresh rotation, this checkout (or `after`) against `before`'s build. */
function compareRevision(
  context: RunContext,
  store: StoreKind,
  { before, after }: Against,
  findings: Findings,
  cpuProfDir: string | undefined,
) {
  const scenarios = [clientCredentials, refreshRotation].filter(
    (scenario) => !context.options.scenarios || context.options.scenarios.includes(scenario.id),
  );
  const variant = `${after ? `${after.label} ` : ''}vs ${before.label}`;
  return compareBuilds(context, store, scenarios, [after ?? {}, before], variant, findings, cpuProfDir);
}

/** The guessing storms, on a server of its own with the default throttling. */
async function guess(context: RunContext, prepared: OstiaryStore, findings: Findings) {
  const { options, log } = context;
  if (options.scenarios && !options.scenarios.includes('guessing')) return;
  // An empty value is the default: LOGIN_IP_LIMIT as shipped, not the benchmark's raised one.
  const ostiary = await startOstiary(prepared, { env: { ...options.ostiaryEnv, LOGIN_IP_LIMIT: '' } });
  try {
    for (const attack of ATTACKS) {
      log(`guessing storm, ${attack} [${prepared.store}]`);
      findings.guessing.push(guessingResult(prepared.store, attack, await guessingStorm(context, ostiary, attack)));
    }
  } finally {
    await ostiary.stop();
  }
}

/** Every scenario for one store, then the storms and the WORKERS and revision comparisons. */
async function benchStore(
  context: RunContext,
  store: StoreKind,
  baselineEntry: string,
  findings: Findings,
  cpuProfDir: string | undefined,
  revision: Against | undefined,
): Promise<void> {
  const { options, log } = context;
  const scenarios = SCENARIOS.filter((scenario) => !options.scenarios || options.scenarios.includes(scenario.id));
  log(
    `\n== store: ${store} (Ostiary) vs ${store === 'redis' ? 'a plain Redis adapter' : 'the memory adapter'} (plain hosts)`,
  );
  const [prepared, ...baselines] = await Promise.all([
    createOstiaryStore(store),
    ...BASELINE_HOSTS.map((host) => startBaseline(baselineEntry, store, host, cpuProfDir)),
  ]);
  try {
    const ostiary = await startOstiary(prepared, { env: options.ostiaryEnv, ...(cpuProfDir ? { cpuProfDir } : {}) });
    try {
      const baselineMiB = Math.max(...baselines.map((baseline) => sumRss(baseline.pids())));
      const idle = { store, ostiaryMiB: sumRss(ostiary.pids()), baselineMiB };
      findings.idleRss.push(idle);
      log(
        `idle RSS after start: Ostiary ${idle.ostiaryMiB.toFixed(0)} MiB, baseline ${idle.baselineMiB.toFixed(0)} MiB`,
      );
      for (const scenario of scenarios) {
        log(`${scenario.title} [${store}]`);
        findings.results.push(await compare(context, scenario, ostiary, baselines, 'WORKERS=1'));
      }
      const cc = findings.results.find((result) => result.id === 'client_credentials' && result.store === store);
      if (cc && scenarios.some((scenario) => scenario.id === 'login')) {
        log(`login storm [${store}]`);
        findings.storms.push(await loginStorm(context, ostiary, cc.ostiary.okPerSecond));
      }
    } finally {
      await ostiary.stop();
    }
    if (revision) await compareRevision(context, store, revision, findings, cpuProfDir);
    await compareLogging(context, store, findings, cpuProfDir);
    await guess(context, prepared, findings);
    if (options.workers !== '1' && scenarios.includes(clientCredentials)) {
      await compareWorkers(context, prepared, baselines, findings, cpuProfDir);
    }
  } finally {
    await Promise.all([...baselines.map((baseline) => baseline.stop()), prepared.dispose()]);
  }
}

function header(context: RunContext, machine: MachineInfo, minutes: string, load: readonly [number, number]) {
  const { options } = context;
  const busy = Math.max(...load) > machine.cores / 4;
  return [
    `Ostiary vs plain oidc-provider ${machine.oidcProvider} · ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
    `${options.rounds} × ${options.duration} s per side after ${options.warmup} s warm-up, ${options.connections} connections; ` +
      `rates are medians of the rounds' 2xx per second; ratio = Ostiary / the faster plain host; ${minutes} min`,
    ...(options.pin
      ? ['one-process servers pinned to CPU 0, the load generator to CPU 1 (logins and the storm unpinned)']
      : []),
    `load average ${load[0].toFixed(2)} at start, ${load[1].toFixed(2)} at end${busy ? ' (a busy machine: treat the figures with care)' : ''}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  installCleanup();
  const context = createContext(options);
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  // Outside the repository: profiles are large and not results to keep.
  const cpuProfDir = options.cpuProf ? join(tmpdir(), `ostiary-bench-profiles-${stamp}`) : undefined;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  if (options.build) await build(context);
  const machine = machineInfo();
  const loadAtStart = loadavg()[0] ?? 0;
  if (loadAtStart > machine.cores / 4) {
    context.log(
      `warning: load average ${loadAtStart.toFixed(2)} at start: other work on this machine will skew the figures`,
    );
  }
  context.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, oidc-provider ${machine.oidcProvider}`);

  if (options.soak) {
    try {
      const result = await soak(context);
      const text = formatSoak(result);
      process.stdout.write(`\n${text}\n`);
      writeResults(
        context,
        { startedAt, finishedAt: new Date(), machine, options, soak: result },
        `soak-${stamp}.json`,
      );
      if (Object.values(result.met).some((met) => !met)) process.exitCode = 1;
    } finally {
      await stopAll();
    }
    return;
  }

  const findings: Findings = { results: [], storms: [], guessing: [], idleRss: [], notes: [] };
  const compiled = compileBaseline();
  let revision: Against | undefined;
  try {
    if (options.against) {
      const [before = '', after] = options.against.split('..');
      context.log(`building ${options.against} to run ${after ? 'side by side' : 'beside this checkout'}...`);
      revision = { before: await prepareRevision(before), after: after ? await prepareRevision(after) : undefined };
    }
    for (const store of options.stores) {
      await benchStore(context, store, compiled.entry, findings, cpuProfDir, revision);
    }
  } finally {
    await stopAll();
    compiled.remove();
    revision?.before.remove();
    revision?.after?.remove();
  }

  const { results, storms, guessing, idleRss, notes } = findings;
  const targets = evaluateTargets(results, storms, options.workers, guessing);
  const finishedAt = new Date();
  const minutes = ((finishedAt.getTime() - startedAt.getTime()) / 60_000).toFixed(1);
  const loadAtEnd = loadavg()[0] ?? 0;
  const ids = [...new Set(results.map((result) => result.id))];
  const tables = [
    ...ids.map((id) => {
      const rows = results.filter((result) => result.id === id);
      return formatScenario(rows[0]?.title ?? id, rows[0]?.unit ?? '', rows);
    }),
    ...(storms.length > 0 ? [formatStorms(storms)] : []),
    ...(guessing.length > 0 ? [formatGuessing(guessing)] : []),
    `resident memory right after start (MiB): ${idleRss
      .map((idle) => `${idle.store}: Ostiary ${idle.ostiaryMiB.toFixed(0)}, baseline ${idle.baselineMiB.toFixed(0)}`)
      .join('; ')}`,
    formatTargets(targets),
  ];
  const notesText = notes.map((note) => `${note}\n`).join('');
  const top = header(context, machine, minutes, [loadAtStart, loadAtEnd]);
  process.stdout.write(`\n${top}\n${notesText}\n${tables.join('\n\n')}\n`);

  const loadAverage = { start: loadAtStart, end: loadAtEnd };
  const report = {
    ...{ startedAt, finishedAt, machine, loadAverage, options },
    ...{ results, storms, guessing, idleRss, targets, notes },
  };
  writeResults(context, report, `${stamp}.json`, 'latest.json');
  if (cpuProfDir)
    context.log(`CPU profiles of Ostiary and the baseline in ${cpuProfDir} (summarize: bench/profileSummary.ts)`);
  // In CI (--smoke) the figures mean little, but a failed request means a scenario broke.
  const failed = [
    ...results.filter((result) => [result.ostiary, ...result.others].some((side) => side.failures > 0)),
    ...guessing
      .filter((result) => result.guesses.other > 0)
      .map((result) => ({ id: `guessing (${result.attack})`, store: result.store })),
  ];
  if (options.smoke && failed.length > 0) {
    context.log(`smoke run failed: requests failed in ${failed.map((r) => `${r.id} [${r.store}]`).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
