// GET /metrics as an operator scrapes it: from the real server process, on METRICS_PORT only,
// after known traffic, with one worker and with WORKERS=2 (one scrape adds up every worker).
// Client series go when the client is removed.
import test, { type ExecutionContext } from 'ava';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/freePort.js';
import { runCli, tempDataDir } from '../helpers/runCli.js';
import { startServerProcess } from '../helpers/serverProcess.js';

const API = 'https://api.example.com';
const TOKENS = 12;
const WRONG_SECRETS = 3;

async function prepared(t: ExecutionContext) {
  const dataDir = await tempDataDir(t);
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--json'], { env: { DATA_DIR: dataDir } });
    if (run.code !== 0) throw new Error(`ostiary ${args.join(' ')}: ${run.stderr}${run.stdout}`);
    return JSON.parse(run.stdout);
  };
  await cli('resource', 'add', '--id', API, '--scope', 'read');
  const service = await cli('client', 'add', '--name', 'Billing', '--grant', 'client_credentials', '--resource', API);
  return { dataDir, cli, service: service as { client_id: string; client_secret: string } };
}

function token(url: string, clientId: string, secret: string) {
  return fetch(`${url}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: API }),
  }).then(async (response) => {
    await response.body?.cancel();
    return response.status;
  });
}

/** The value of the series with exactly these labels (in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(/,(?=[a-z_]+=")/) : [];
    if (present.length === wanted.length && wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

for (const workers of ['1', '2']) {
  test.serial(
    `WORKERS=${workers}: one scrape counts every request, token and refusal, by route, grant, client and error`,
    async (t) => {
      const { dataDir, cli, service } = await prepared(t);
      const metricsPort = await freePort();
      const server = await startServerProcess({
        DATA_DIR: dataDir,
        WORKERS: workers,
        METRICS_PORT: String(metricsPort),
      });
      t.teardown(() => server.stop('SIGKILL'));
      const scrape = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

      // Separate connections, so that with two workers both get some.
      const statuses = await Promise.all([
        ...Array.from({ length: TOKENS }, () => token(server.url, service.client_id, service.client_secret)),
        ...Array.from({ length: WRONG_SECRETS }, () => token(server.url, service.client_id, 'not-the-secret')),
      ]);
      t.deepEqual(statuses.filter((status) => status === 200).length, TOKENS);

      const text = await scrape();
      const client = service.client_id;
      t.is(
        sample(text, 'ostiary_tokens_issued_total', { grant_type: 'client_credentials', client_id: client }),
        TOKENS,
      );
      t.is(sample(text, 'ostiary_token_errors_total', { error: 'invalid_client' }), WRONG_SECRETS);
      t.is(
        sample(text, 'ostiary_http_request_duration_seconds_count', { route: 'token', method: 'POST', status: '200' }),
        TOKENS,
      );
      t.is(
        sample(text, 'ostiary_http_request_duration_seconds_count', { route: 'token', method: 'POST', status: '401' }),
        WRONG_SECRETS,
      );
      t.truthy(
        text.match(
          /^ostiary_store_operation_duration_seconds_count\{backend="embedded",operation="clients\.get"\} [1-9]/m,
        ),
        'store calls, by backend and operation',
      );
      t.truthy(
        text.match(/^ostiary_signing_key_age_seconds\{kid="[^"]+",state="current"\} \d/m),
        'the signing key is there',
      );
      t.truthy(sample(text, 'process_cpu_user_seconds_total') !== undefined, 'the process defaults');
      t.truthy(sample(text, 'nodejs_heap_size_used_bytes') !== undefined);
      t.false(text.includes(service.client_secret), 'no secret');

      const publicPort = await fetch(`${server.url}/metrics`);
      await publicPort.body?.cancel();
      t.is(publicPort.status, 404, 'never on the public port');

      await cli('client', 'remove', client);
      const gone = await eventually(async () => !(await scrape()).includes(client), 5_000);
      t.true(gone.held, "the removed client's series are dropped");
    },
  );
}
