// The scenarios, each the same for Ostiary and the baseline. prepare() sets a scenario up against
// one server and checks one answer (so a side that answers something else fails loudly instead of
// winning); the returned Runner then serves warm-up and measured rounds.
import type { Agent } from 'node:http';
import { API_LOGIN, login, OPAQUE_LOGIN, RefreshTokenPool } from './flows.js';
import { basicAuth, httpRequest } from './http.js';
import { type Measurement, runHttpLoad, runLoop } from './load.js';
import type { Target } from './servers.js';

export type ScenarioId = 'discovery' | 'jwks' | 'client_credentials' | 'refresh' | 'login' | 'introspection';

export interface ScenarioSettings {
  /** autocannon connections. */
  readonly connections: number;
  /** Parallel browsers in the login scenario. */
  readonly loginConcurrency: number;
  readonly agent: Agent;
}

export interface Runner {
  /** No warm-up run: preparing already exercised the same code paths (and warming up costs tokens). */
  readonly warm?: boolean;
  /** Untimed work before a warm-up or round of `seconds` (minting single-use tokens). */
  before?(seconds: number): Promise<void>;
  run(seconds: number): Promise<Measurement>;
}

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  /** What the rate counts. */
  readonly unit: 'req/s' | 'logins/s';
  prepare(target: Target, settings: ScenarioSettings): Promise<Runner>;
}

function expect(condition: unknown, target: Target, what: string): asserts condition {
  if (!condition) throw new Error(`${target.side} (${target.store}): ${what}`);
}

const jwtHeader = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: string; typ?: string };

const getScenario = (
  id: ScenarioId,
  title: string,
  path: string,
  // biome-ignore lint/suspicious/noExplicitAny: a response body; each scenario checks its own members
  check: (body: any, target: Target) => unknown,
): Scenario => ({
  id,
  title,
  unit: 'req/s',
  async prepare(target, { agent, connections }) {
    const response = await httpRequest(agent, new URL(path, target.url));
    expect(response.status === 200, target, `GET ${path} answered ${response.status}`);
    expect(check(JSON.parse(response.body), target), target, `GET ${path} answered something unexpected`);
    return { run: (seconds) => runHttpLoad({ url: target.url, path, connections, seconds }) };
  },
});

export const discovery = getScenario(
  'discovery',
  'discovery (/.well-known/openid-configuration)',
  '/.well-known/openid-configuration',
  (body: { issuer?: string }, target) => body.issuer === target.url,
);

export const jwks = getScenario('jwks', 'JWKS (/jwks)', '/jwks', (body: { keys?: { alg?: string }[] }) =>
  ['RS256', 'ES256'].every((alg) => body.keys?.some((key) => key.alg === alg)),
);

/** POST /token with client_credentials as the service, as fast as the server answers or at `rate`. */
export function clientCredentialsLoad(target: Target, connections: number, seconds: number, rate?: number) {
  const { service } = target.fixtures;
  return runHttpLoad({
    url: target.url,
    method: 'POST',
    path: '/token',
    headers: { authorization: basicAuth(service.client_id, service.client_secret) },
    body: 'grant_type=client_credentials&scope=read',
    connections,
    seconds,
    ...(rate !== undefined ? { rate } : {}),
  });
}

export const clientCredentials: Scenario = {
  id: 'client_credentials',
  title: 'client credentials (ES256 JWT access token)',
  unit: 'req/s',
  async prepare(target, { agent, connections }) {
    const { service } = target.fixtures;
    const response = await httpRequest(agent, new URL('/token', target.url), {
      method: 'POST',
      headers: { authorization: basicAuth(service.client_id, service.client_secret) },
      form: { grant_type: 'client_credentials', scope: 'read' },
    });
    expect(response.status === 200, target, `client credentials answered ${response.status}: ${response.body}`);
    const header = jwtHeader((JSON.parse(response.body) as { access_token: string }).access_token);
    expect(header.alg === 'ES256' && header.typ === 'at+jwt', target, `access token header ${JSON.stringify(header)}`);
    return { run: (seconds) => clientCredentialsLoad(target, connections, seconds) };
  },
};

const POOL_MARGIN = 1.15; // mint 15 % more than the last measured rate suggests (a short pool only ends a round early)
const POOL_MAX = 40_000; // bounds minting time whatever the rate
const CALIBRATION_TOKENS = 48;

export const refreshRotation: Scenario = {
  id: 'refresh',
  title: 'refresh token rotation (each token used once)',
  unit: 'req/s',
  async prepare(target, { agent, connections }) {
    const { web } = target.fixtures;
    const headers = { authorization: basicAuth(web.client_id, web.client_secret) };
    const pool = new RefreshTokenPool(agent, target, 8);
    // Calibrate: minting (authorize + code exchange) takes a bit longer per token than a refresh.
    const started = performance.now();
    await pool.fill(CALIBRATION_TOKENS + 1);
    let rate = (2 * CALIBRATION_TOKENS) / ((performance.now() - started) / 1000);

    const response = await httpRequest(agent, new URL('/token', target.url), {
      method: 'POST',
      headers,
      form: { grant_type: 'refresh_token', refresh_token: pool.take() as string },
    });
    expect(response.status === 200, target, `refresh answered ${response.status}: ${response.body}`);
    const tokens = JSON.parse(response.body) as { refresh_token?: string; id_token?: string };
    expect(tokens.refresh_token && tokens.id_token, target, 'a refresh gave no new refresh token or ID token');

    return {
      // Minting drives the token endpoint through the same steps (client authentication, ID
      // token, refresh token save) before every round, so no separate warm-up is needed.
      warm: true,
      async before(seconds) {
        await pool.fill(Math.min(POOL_MAX, Math.ceil(rate * seconds * POOL_MARGIN) + connections));
      },
      async run(seconds) {
        const measurement = await runHttpLoad({
          url: target.url,
          method: 'POST',
          path: '/token',
          headers,
          nextBody: () => {
            const token = pool.take();
            return token && `grant_type=refresh_token&refresh_token=${token}`;
          },
          maxRequests: pool.size,
          connections,
          seconds,
        });
        rate = Math.max(rate, measurement.okPerSecond);
        return measurement;
      },
    };
  },
};

export const loginFlow: Scenario = {
  id: 'login',
  title: 'login: authorize → login form → consent → token (new browser each)',
  unit: 'logins/s',
  async prepare(target, { agent, loginConcurrency }) {
    const tokens = await login(agent, target, API_LOGIN(target));
    expect(tokens.id_token && jwtHeader(tokens.id_token).alg === 'RS256', target, 'the login gave no RS256 ID token');
    let firstError: unknown;
    return {
      async run(seconds) {
        const measurement = await runLoop(
          loginConcurrency,
          seconds,
          async () => {
            await login(agent, target, API_LOGIN(target));
          },
          (error) => {
            firstError ??= error;
          },
        );
        if (firstError) process.stderr.write(`${target.side}: a login failed: ${String(firstError)}\n`);
        firstError = undefined;
        return measurement;
      },
    };
  },
};

export const introspection: Scenario = {
  id: 'introspection',
  title: 'introspection of an opaque access token',
  unit: 'req/s',
  async prepare(target, { agent, connections }) {
    const { web } = target.fixtures;
    const { access_token } = await login(agent, target, OPAQUE_LOGIN);
    expect(access_token.split('.').length !== 3, target, 'expected an opaque access token, got a JWT');
    const headers = { authorization: basicAuth(web.client_id, web.client_secret) };
    const body = new URLSearchParams({ token: access_token }).toString();
    const response = await httpRequest(agent, new URL('/token/introspection', target.url), {
      method: 'POST',
      headers,
      form: { token: access_token },
    });
    expect(response.status === 200, target, `introspection answered ${response.status}`);
    expect(
      (JSON.parse(response.body) as { active?: boolean }).active === true,
      target,
      'the token introspects inactive',
    );
    return {
      run: (seconds) =>
        runHttpLoad({
          url: target.url,
          method: 'POST',
          path: '/token/introspection',
          headers,
          body,
          connections,
          seconds,
        }),
    };
  },
};

export const SCENARIOS: readonly Scenario[] = [
  discovery,
  jwks,
  clientCredentials,
  refreshRotation,
  loginFlow,
  introspection,
];
