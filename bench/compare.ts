// One scenario, Ostiary against one or more others (the plain hosts, an earlier revision): prepare
// each, warm each up, then measured rounds alternating A B C A B C, each with its Redis commands,
// peak RSS and the CPU other processes took. Ostiary is held to the fastest of the others.
import type { Agent } from 'node:http';
import type { RunContext } from './context.js';
import { measureCpu, measureOthers, waitForQuiet } from './cpu.js';
import { keepAliveAgent } from './http.js';
import { peakRss, resetPeakRss } from './memory.js';
import { pin } from './processes.js';
import { commandCounts, commandDelta } from './redis.js';
import { type Round, type ScenarioResult, type SideSummary, scenarioResult, summarize } from './report.js';
import type { Runner, Scenario } from './scenarios.js';
import type { Target } from './servers.js';

/** Others may use a fifth of a core and the machine counts as quiet; a round waits 10 s at most. */
export const QUIET = { threshold: 0.2, maxWaitMs: 10_000 };

/** Waits for a quiet machine while the run's waiting budget lasts. */
export async function waitWhileBusy(context: RunContext, ours: () => readonly number[]): Promise<number> {
  if (context.quiet.budgetMs <= 0) return 0;
  const waited = await waitForQuiet(ours, QUIET);
  context.quiet.budgetMs -= waited;
  return waited;
}

/**
 * 'split': each one-process server on CPU 0, the load (this process) and redis-servers on CPU 1, a
 * clustered server on both. 'free': everything may run anywhere (logins, whose hashing threads
 * would otherwise share the event loop's core). See BenchOptions.pin.
 */
export function pinProcesses(sides: readonly Target[], mode: 'split' | 'free'): void {
  const all = '0,1';
  pin(process.pid, mode === 'split' ? '1' : all);
  for (const side of sides) {
    if (side.redis) pin(side.redis.pid, mode === 'split' ? '1' : all);
    const clustered = side.workers.running > 1;
    const servers = side.processPids().filter((pid) => pid !== side.redis?.pid);
    for (const pid of servers) pin(pid, mode === 'split' && !clustered ? '0' : all);
  }
}

async function measureRound(context: RunContext, target: Target, runner: Runner, ours: () => number[]): Promise<Round> {
  const seconds = context.options.duration;
  await runner.before?.(seconds);
  const waitedMs = await waitWhileBusy(context, ours);
  const pids = target.pids();
  resetPeakRss(pids);
  const before = target.redis ? await commandCounts(target.redis.port) : undefined;
  const others = measureOthers(ours);
  const serverCpu = measureCpu(pids);
  const loadCpu = measureCpu([process.pid]);
  const started = performance.now();
  const measurement = await runner.run(seconds);
  const serverCpuMs = serverCpu();
  const loadCores = loadCpu() / (performance.now() - started);
  const { otherCores } = others();
  target.assertAlive();
  const after = target.redis ? await commandCounts(target.redis.port) : undefined;
  return {
    ...measurement,
    ...(before && after ? { redisCommands: commandDelta(before, after) } : {}),
    peakRss: peakRss(pids),
    serverCpuUsPerResponse: (serverCpuMs * 1000) / Math.max(1, measurement.responses),
    loadCores,
    otherCores,
    waitedMs,
  };
}

const describe = (round: Round, unit: string) =>
  `${round.okPerSecond.toFixed(0)} ${unit}, p99 ${round.p99Ms.toFixed(1)} ms, ${round.failures} failed, ` +
  `load generator ${round.loadCores.toFixed(2)} cores, others ${round.otherCores.toFixed(2)} cores${round.waitedMs > 0 ? ` (waited ${(round.waitedMs / 1000).toFixed(1)} s)` : ''}`;

export async function compare(
  context: RunContext,
  scenario: Scenario,
  ostiary: Target,
  others: readonly Target[],
  variant: string,
): Promise<ScenarioResult> {
  const { options, log } = context;
  const sides = [ostiary, ...others];
  const width = Math.max(...sides.map((side) => side.label.length));
  const ours = () => sides.flatMap((side) => side.processPids());
  if (options.pin) pinProcesses(sides, scenario.id === 'login' ? 'free' : 'split');
  const agents: Agent[] = sides.map(() => keepAliveAgent(4 * options.loginConcurrency));
  try {
    const runners: Runner[] = [];
    for (const [index, target] of sides.entries()) {
      const settings = { connections: options.connections, loginConcurrency: options.loginConcurrency };
      runners.push(await scenario.prepare(target, { ...settings, agent: agents[index] as Agent }));
    }
    for (const [index, runner] of runners.entries()) {
      if (runner.warm) continue;
      await runner.before?.(options.warmup);
      await runner.run(options.warmup);
      sides[index]?.assertAlive();
    }
    const rounds: Round[][] = sides.map(() => []);
    for (let round = 0; round < options.rounds; round += 1) {
      for (const [index, target] of sides.entries()) {
        const measured = await measureRound(context, target, runners[index] as Runner, ours);
        rounds[index]?.push(measured);
        log(`  ${target.label.padEnd(width)} round ${round + 1}: ${describe(measured, scenario.unit)}`);
      }
    }
    const [oursSummary, ...theirs] = sides.map((side, index) => summarize(side, rounds[index] ?? []));
    return scenarioResult(scenario, ostiary.store, variant, oursSummary as SideSummary, theirs);
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
