// The guessing storm (issue 8): a real user's sign-in latency, idle and while 32 connections guess
// passwords as fast as the server answers, against Ostiary with its default throttling. Real
// users sign in one after another, each from its own loopback address (a population of people,
// not one client the per-address limit would stop). Two attacks, each round with addresses whose
// counts are fresh, so each storm round measures the burst at its start:
// - one address: 32 connections share one sign-in page and guess one account (the reproduction
//   in issue 8: 600 guesses in 27 s, and a real user's login from 72 ms to 1.7-5.1 s). The target:
//   the real user's p99 under 1 s and under 3x idle, none refused;
// - 32 addresses: each connection its own address and page, each guess a new email (a stuffing
//   list), which no per-account lock stops. Reported without a target: each address may try
//   LOGIN_IP_LIMIT times a minute, and their first burst fills the hashing queue for a moment.
// The attackers run as a process of their own (guessers.ts). Every address is in 127.0.0.0/8:
// the traffic never leaves this machine, and the attackers stop after the round.
import { execFile } from 'node:child_process';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pinProcesses, waitWhileBusy } from './compare.js';
import type { RunContext } from './context.js';
import { measureCpu, measureOthers } from './cpu.js';
import { API_LOGIN, login } from './flows.js';
import type { GuessersPlan, GuessTally } from './guessers.js';
import { Browser, formOn } from './http.js';
import { type Measurement, runLoop } from './load.js';
import type { Target } from './servers.js';

export type { GuessTally } from './guessers.js';

const run = promisify(execFile);
const GUESSERS = fileURLToPath(new URL('./guessers.ts', import.meta.url));

export type Attack = 'one address' | '32 addresses';
export const ATTACKS: readonly Attack[] = ['one address', '32 addresses'];

const CONNECTIONS = 32;
const REAL_USER_ADDRESSES = 64; // 127.0.2.1-64, used in turn: each far below 30 sign-ins a minute
const LEAD_MS = 250; // the storm starts first, so the whole measured window is stormy

export interface GuessingRound {
  readonly idle: Measurement;
  readonly storm: Measurement;
  readonly guesses: GuessTally;
  /** Cores' worth of CPU the server used while storming. */
  readonly serverCores: number;
  readonly otherCores: number;
}

const agentFrom = (localAddress: string) => new Agent({ keepAlive: true, maxSockets: 1, localAddress });

function authorizationUrl(target: Target): URL {
  const url = new URL('/auth', target.url);
  url.search = new URLSearchParams({
    client_id: target.fixtures.web.client_id,
    response_type: 'code',
    redirect_uri: target.fixtures.web.redirect_uri,
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  return url;
}

/** A sign-in page opened from `agent`'s address: where to post, and what to send with each guess. */
async function signInForm(target: Target, agent: Agent) {
  const browser = new Browser(new URL(target.url).origin, agent);
  const step = await browser.navigate(authorizationUrl(target));
  if (!('page' in step)) throw new Error(`${target.side}: expected the sign-in page, got a redirect`);
  const form = formOn(step.page.body, '/login');
  return { action: new URL(form.action, step.url), hidden: form.hidden, cookie: browser.cookieHeader() };
}

/**
 * The attackers of one round, from addresses under 127.<block>.0.0/16 nobody used before, in a
 * process of their own; resolves with how their guesses were answered.
 */
async function storm(target: Target, attack: Attack, block: number, seconds: number): Promise<GuessTally> {
  const addresses = Array.from({ length: CONNECTIONS }, (_, i) =>
    attack === 'one address' ? `127.${block}.0.1` : `127.${block}.0.${i + 1}`,
  );
  const agents = [...new Set(addresses)].map((address) => [address, agentFrom(address)] as const);
  try {
    const opened = new Map(
      await Promise.all(agents.map(async ([address, agent]) => [address, await signInForm(target, agent)] as const)),
    );
    const plan: GuessersPlan = {
      forms: addresses.map((localAddress) => {
        const form = opened.get(localAddress) as Awaited<ReturnType<typeof signInForm>>;
        return { action: form.action.href, hidden: form.hidden, cookie: form.cookie, localAddress };
      }),
      seconds: seconds + (2 * LEAD_MS) / 1000,
      email: attack === 'one address' ? 'victim@example.com' : undefined,
      emailPrefix: `stuffed-${block}-`,
    };
    const { stdout } = await run(process.execPath, [...process.execArgv, GUESSERS, JSON.stringify(plan)], {
      timeout: (seconds + 30) * 1000,
    });
    return JSON.parse(stdout) as GuessTally;
  } finally {
    for (const [, agent] of agents) agent.destroy();
  }
}

export async function guessingStorm(context: RunContext, ostiary: Target, attack: Attack) {
  const { options, log } = context;
  const users = Array.from({ length: REAL_USER_ADDRESSES }, (_, i) => agentFrom(`127.0.2.${i + 1}`));
  let next = 0;
  const signIns = (seconds: number, onError?: (error: unknown) => void) =>
    runLoop(
      1,
      seconds,
      async () => {
        await login(users[next++ % users.length] as Agent, ostiary, API_LOGIN(ostiary));
      },
      onError,
    );
  const ours = () => ostiary.processPids();
  if (options.pin) pinProcesses([ostiary], 'free'); // hashing may use the core the event loop does not
  const rounds: GuessingRound[] = [];
  try {
    await signIns(Math.min(options.warmup, 3));
    for (let round = 0; round < options.rounds; round += 1) {
      await waitWhileBusy(context, ours);
      const idle = await signIns(options.duration);
      const others = measureOthers(ours);
      const attackers = storm(ostiary, attack, 10 + round, options.duration);
      await new Promise((resolve) => setTimeout(resolve, LEAD_MS * 2)); // forms opened, guessing begun
      const serverCpu = measureCpu(ostiary.pids());
      const started = performance.now();
      let firstError: unknown;
      const stormy = await signIns(options.duration, (error) => {
        firstError ??= error;
      });
      const serverCores = serverCpu() / (performance.now() - started);
      if (firstError) log(`  a real user's sign-in failed: ${String(firstError).slice(0, 300)}`);
      const guesses = await attackers;
      ostiary.assertAlive();
      rounds.push({ idle, storm: stormy, guesses, serverCores, otherCores: others().otherCores });
      log(
        `  round ${round + 1} (${attack}): real user p99 ${idle.p99Ms.toFixed(0)} ms idle, ` +
          `${stormy.p99Ms.toFixed(0)} ms storming (${stormy.failures} refused); guesses ` +
          `${guesses.hashed} checked, ${guesses.throttled} throttled, ${guesses.busy} busy; ` +
          `server ${serverCores.toFixed(2)} cores`,
      );
    }
  } finally {
    for (const agent of users) agent.destroy();
  }
  return rounds;
}
