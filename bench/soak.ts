// `npm run bench -- --soak`: Ostiary as shipped (request log on) on Redis for 10 minutes
// (--soak-minutes) under a mix: client credentials at a fixed rate, and people who each log in
// (password, consent, code), rotate their refresh token twice and introspect it and their access
// token. Token and session lifetimes are shortened to a few minutes, so that once the load stops
// every key it made expires and the key count can be seen to come back. Checks:
//  - no failed request of any kind;
//  - resident memory not growing by 10 % after the first minute: the mean of the last minute's
//    samples (every 10 s) against the mean of the second minute's (garbage collection makes RSS
//    saw by 10-40 % within a minute, so single samples would measure where the saw stood);
//  - open file descriptors, idle before and after, the same (none leaked);
//  - the Redis keys back to those before the load once the lifetimes have passed, but for what is
//    meant to outlast them: the person's remembered consent for the app (kept a year) and the
//    account's index of it, one each per account and app however many logins there were.
import { readdirSync } from 'node:fs';
import type { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunContext } from './context.js';
import { API_LOGIN, login } from './flows.js';
import { basicAuth, httpRequest, keepAliveAgent } from './http.js';
import { type Measurement, runLoop } from './load.js';
import { rssMiB } from './memory.js';
import { redisCli } from './redis.js';
import { clientCredentialsLoad } from './scenarios.js';
import { createOstiaryStore, startOstiary, type Target } from './servers.js';

/** The lifetimes the soak shortens; every key it makes expires within LONGEST_TTL_S. */
const SHORT_TTLS = {
  ACCESS_TOKEN_TTL: '60s',
  AUTHORIZATION_CODE_TTL: '60s',
  REFRESH_TOKEN_IDLE_TTL: '120s',
  REFRESH_TOKEN_MAX_TTL: '180s',
  SESSION_IDLE_TTL: '120s',
  SESSION_MAX_TTL: '180s',
  INTERACTION_TTL: '120s',
};
/** A login page's passkey challenge lives five minutes whatever the settings: the longest. */
const LONGEST_TTL_S = 300;
/** Throttling counters (a login's per-address count) live a minute; Redis expires keys lazily too. */
const KEYS_SETTLE_WITHIN_S = LONGEST_TTL_S + 120;
/** Keys meant to outlive the soak: remembered consent (a year) and the account's index of it. */
const LASTING = /:artifact:Consent:|:account-artifacts:/;
const LASTING_PER_ACCOUNT_AND_APP = 2;
const CC_RATE = 150; // client-credentials requests per second: steady, well below capacity
const PEOPLE = 2; // parallel people logging in (argon2id at OWASP cost each)
const SAMPLE_EVERY_MS = 10_000;
const RSS_GROWTH_LIMIT = 0.1;

export interface SoakResult {
  readonly minutes: number;
  readonly clientCredentials: Measurement;
  readonly journeys: Measurement;
  readonly requests: number;
  readonly failures: number;
  readonly firstError: string | undefined;
  /** [seconds since the load started, MiB] every 10 s. */
  readonly rss: readonly (readonly [number, number])[];
  /** Mean RSS of the samples in the second minute, and in the last. */
  readonly rssSecondMinuteMiB: number;
  readonly rssLastMinuteMiB: number;
  readonly rssGrowth: number;
  readonly fdsBefore: number;
  readonly fdsAfter: number;
  readonly keysBefore: number;
  readonly keysAtEnd: number;
  readonly keysAfterTtl: number;
  /** Keys the load left that are meant to last (LASTING). */
  readonly keysLasting: number;
  /** Other keys the load left when the wait ended (a leak, when not 0). */
  readonly keysLeaked: readonly string[];
  readonly keysSettledAfterS: number | undefined;
  readonly met: {
    readonly noErrors: boolean;
    readonly rss: boolean;
    readonly fds: boolean;
    readonly keys: boolean;
  };
}

const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;
const keyNames = async (port: number) => new Set((await redisCli(port, '--scan')).split('\n').filter(Boolean));

/** One person: logs in, rotates the refresh token twice, introspects it and the access token. */
async function journey(agent: Agent, target: Target): Promise<number> {
  const { web } = target.fixtures;
  const headers = { authorization: basicAuth(web.client_id, web.client_secret) };
  const tokens = await login(agent, target, API_LOGIN(target));
  let refreshToken = tokens.refresh_token;
  let requests = 4; // authorize, login, consent, token
  for (let rotation = 0; rotation < 2; rotation += 1) {
    const response = await httpRequest(agent, new URL('/token', target.url), {
      method: 'POST',
      headers,
      form: { grant_type: 'refresh_token', refresh_token: refreshToken ?? '' },
    });
    requests += 1;
    if (response.status !== 200) throw new Error(`refresh answered ${response.status}: ${response.body}`);
    refreshToken = (JSON.parse(response.body) as { refresh_token?: string }).refresh_token;
  }
  for (const token of [refreshToken ?? '', tokens.access_token]) {
    const response = await httpRequest(agent, new URL('/token/introspection', target.url), {
      method: 'POST',
      headers,
      form: { token },
    });
    requests += 1;
    const active = response.status === 200 && (JSON.parse(response.body) as { active?: boolean }).active;
    if (!active) throw new Error(`introspection answered ${response.status}: ${response.body}`);
  }
  return requests;
}

export async function soak(context: RunContext): Promise<SoakResult> {
  const { options, log } = context;
  const minutes = options.soakMinutes;
  const prepared = await createOstiaryStore('redis');
  const ostiary = await startOstiary(prepared, { env: { ...options.ostiaryEnv, ...SHORT_TTLS } });
  const redis = prepared.redis;
  const agent = keepAliveAgent(4 * PEOPLE);
  try {
    if (!redis) throw new Error('the soak runs on Redis, and its store has none');
    const [pid] = ostiary.pids();
    if (pid === undefined) throw new Error('the server has no process');
    const fdsBefore = openFds(pid);
    const before = await keyNames(redis.port);
    log(`soak: ${minutes} min on Redis; ${before.size} keys, ${fdsBefore} open files, ${rssMiB(pid)?.toFixed(0)} MiB`);

    const seconds = minutes * 60;
    const started = performance.now();
    const rss: [number, number][] = [];
    const sampler = setInterval(() => {
      const at = Math.round((performance.now() - started) / 1000);
      const mib = rssMiB(pid) ?? 0;
      rss.push([at, mib]);
      if (at % 60 < SAMPLE_EVERY_MS / 1000) log(`soak: ${at} s, ${mib.toFixed(0)} MiB`);
    }, SAMPLE_EVERY_MS);
    let requests = 0;
    let firstError: string | undefined;
    const [clientCredentials, journeys] = await Promise.all([
      clientCredentialsLoad(ostiary, 4, seconds, CC_RATE),
      runLoop(
        PEOPLE,
        seconds,
        async () => {
          const made = await journey(agent, ostiary); // not `requests += await ...`: that loses counts
          requests += made;
        },
        (error) => {
          firstError ??= String(error);
        },
      ),
    ]);
    clearInterval(sampler);
    ostiary.assertAlive();
    const meanOf = (from: number, to: number) => {
      const inside = rss.filter(([at]) => at > from && at <= to).map(([, mib]) => mib);
      return inside.reduce((sum, mib) => sum + mib, 0) / Math.max(1, inside.length);
    };
    // A soak shorter than two minutes (--soak-minutes, for a try) compares with its first minute.
    const rssSecondMinuteMiB = seconds >= 120 ? meanOf(60, 120) : meanOf(0, 60);
    const rssLastMinuteMiB = meanOf(seconds - 60, seconds);
    agent.destroy();
    await sleep(2000); // the closed connections' sockets are released
    const fdsAfter = openFds(pid);
    const keysAtEnd = (await keyNames(redis.port)).size;
    log(`soak: load done; ${keysAtEnd} keys; waiting for them to expire (at most ${KEYS_SETTLE_WITHIN_S} s)`);
    const waitStarted = performance.now();
    let left: string[] = [];
    let keysAfterTtl = keysAtEnd;
    let keysSettledAfterS: number | undefined;
    while ((performance.now() - waitStarted) / 1000 < KEYS_SETTLE_WITHIN_S) {
      const now = await keyNames(redis.port);
      keysAfterTtl = now.size;
      left = [...now].filter((key) => !before.has(key));
      if (left.every((key) => LASTING.test(key))) {
        keysSettledAfterS = Math.round((performance.now() - waitStarted) / 1000);
        break;
      }
      const families = new Map<string, number>();
      for (const key of left) {
        const [, kind = '', model = ''] = key.split(':');
        const family = kind === 'artifact' || kind === 'uid' ? `${kind}:${model}` : kind;
        families.set(family, (families.get(family) ?? 0) + 1);
      }
      log(`soak: ${left.length} keys left: ${[...families].map(([family, count]) => `${family} ${count}`).join(', ')}`);
      await sleep(5000);
    }
    const keysLasting = left.filter((key) => LASTING.test(key)).length;
    const keysLeaked = left.filter((key) => !LASTING.test(key));
    const failures = clientCredentials.failures + journeys.failures;
    const rssGrowth = rssLastMinuteMiB / Math.max(1, rssSecondMinuteMiB) - 1;
    return {
      minutes,
      clientCredentials,
      journeys,
      requests: requests + clientCredentials.responses,
      failures,
      firstError,
      rss,
      rssSecondMinuteMiB,
      rssLastMinuteMiB,
      rssGrowth,
      fdsBefore,
      fdsAfter,
      keysBefore: before.size,
      keysAtEnd,
      keysAfterTtl,
      keysLasting,
      keysLeaked,
      keysSettledAfterS,
      met: {
        noErrors: failures === 0,
        rss: rssGrowth < RSS_GROWTH_LIMIT,
        fds: fdsAfter <= fdsBefore,
        keys: keysSettledAfterS !== undefined && keysLasting <= LASTING_PER_ACCOUNT_AND_APP,
      },
    };
  } finally {
    agent.destroy();
    await ostiary.stop();
    await prepared.dispose();
  }
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export function formatSoak(result: SoakResult): string {
  const { met } = result;
  const rows = [
    `soak: ${result.minutes} min on Redis, request log on; ${result.requests.toLocaleString('en-US')} requests ` +
      `(client credentials ${result.clientCredentials.okPerSecond.toFixed(0)}/s, ` +
      `${result.journeys.okPerSecond.toFixed(2)} people/s: login, 2 rotations, 2 introspections)`,
    `  errors: ${result.failures}${result.firstError ? ` (first: ${result.firstError})` : ''} — target 0: ${verdict(met.noErrors)}`,
    `  RSS: ${result.rssSecondMinuteMiB.toFixed(0)} MiB on average in the second minute, ${result.rssLastMinuteMiB.toFixed(0)} MiB in the last ` +
      `(${(result.rssGrowth * 100).toFixed(1)} %; samples ${Math.min(...result.rss.map(([, mib]) => mib)).toFixed(0)}–${Math.max(...result.rss.map(([, mib]) => mib)).toFixed(0)} MiB) — target < 10 %: ${verdict(met.rss)}`,
    `  open files: ${result.fdsBefore} before, ${result.fdsAfter} after — target no more: ${verdict(met.fds)}`,
    `  Redis keys: ${result.keysBefore} before, ${result.keysAtEnd} at the end, ${result.keysAfterTtl} ` +
      `${result.keysSettledAfterS === undefined ? 'when the wait ended' : `${result.keysSettledAfterS} s later`}: ` +
      `${result.keysLasting} meant to last (remembered consent and its index), ${result.keysLeaked.length} leaked` +
      `${result.keysLeaked.length > 0 ? ` (${result.keysLeaked.slice(0, 3).join(', ')}...)` : ''} — target none leaked: ${verdict(met.keys)}`,
  ];
  return rows.join('\n');
}
