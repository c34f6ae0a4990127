// The login storm: client credentials at a fixed rate (a share of what Ostiary sustained, so the
// idle p99 is not queueing), first idle, then while browsers log in nonstop (argon2id at OWASP
// cost), alternating for each round. If hashing blocked the event loop, the token p99 would jump.
import { pinProcesses, waitWhileBusy } from './compare.js';
import type { RunContext } from './context.js';
import { measureOthers } from './cpu.js';
import { API_LOGIN, login } from './flows.js';
import { keepAliveAgent } from './http.js';
import { type Measurement, runLoop } from './load.js';
import { type StormResult, type StormRound, stormResult } from './report.js';
import { clientCredentialsLoad } from './scenarios.js';
import type { Target } from './servers.js';

const RATE_SHARE = 0.4; // 40 % of the rate Ostiary sustained
const RATE_BOUNDS = [50, 2000] as const; // requests per second
const CONNECTIONS = 8;
const LOGINS_LEAD_MS = 250; // the logins start first, so the whole measured window is stormy

export async function loginStorm(context: RunContext, ostiary: Target, sustained: number): Promise<StormResult> {
  const { options, log } = context;
  const rate = Math.round(Math.min(RATE_BOUNDS[1], Math.max(RATE_BOUNDS[0], sustained * RATE_SHARE)));
  const agent = keepAliveAgent(2 * options.stormLogins);
  const ours = () => ostiary.processPids();
  const load = (seconds: number) => clientCredentialsLoad(ostiary, CONNECTIONS, seconds, rate);
  if (options.pin) pinProcesses([ostiary], 'free'); // hashing may use the core the event loop does not
  const idle: StormRound[] = [];
  const storm: StormRound[] = [];
  const logins: Measurement[] = [];
  try {
    await load(options.warmup);
    for (let round = 0; round < options.rounds; round += 1) {
      await waitWhileBusy(context, ours);
      let others = measureOthers(ours);
      idle.push({ ...(await load(options.duration)), otherCores: others().otherCores });
      const storming = runLoop(options.stormLogins, options.duration + (2 * LOGINS_LEAD_MS) / 1000, async () => {
        await login(agent, ostiary, API_LOGIN(ostiary));
      });
      await new Promise((resolve) => setTimeout(resolve, LOGINS_LEAD_MS));
      others = measureOthers(ours);
      storm.push({ ...(await load(options.duration)), otherCores: others().otherCores });
      logins.push(await storming);
      ostiary.assertAlive();
      log(
        `  round ${round + 1}: idle p99 ${idle.at(-1)?.p99Ms.toFixed(1)} ms, ` +
          `storm p99 ${storm.at(-1)?.p99Ms.toFixed(1)} ms, ${logins.at(-1)?.okPerSecond.toFixed(1)} logins/s`,
      );
    }
  } finally {
    agent.destroy();
  }
  return stormResult(ostiary.store, rate, options.stormLogins, idle, storm, logins);
}
