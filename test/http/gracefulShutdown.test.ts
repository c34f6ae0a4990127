// SIGTERM under load: readyz turns 503 at once, new connections are refused, every request the
// server accepted is answered and logged (the log is written in batches: none may be lost at the
// exit), and the process exits 0. The load is what a proxy sends: clients that each keep a
// connection open and send the next request as soon as the last is answered.
import { Agent, request } from 'node:http';
import test from 'ava';
import { eventually } from '../helpers/eventually.js';
import { runCli, tempDataDir } from '../helpers/runCli.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { startOstiary } from '../helpers/startOstiary.js';

const CLIENTS = 8;
const LOADED = CLIENTS * 12; // answers before SIGTERM
const API = 'https://api.example.com';

interface Outcome {
  readonly status?: number;
  readonly error?: string;
  readonly afterSignal: boolean;
}

function post(port: number, agent: Agent, path: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('SIGTERM during load: every accepted request is answered, later connections are refused, exit 0', async (t) => {
  const dataDir = await tempDataDir(t);
  const env = { DATA_DIR: dataDir };
  await runCli(['resource', 'add', '--id', API, '--scope', 'read'], { env });
  const added = await runCli(
    ['client', 'add', '--name', 'svc', '--grant', 'client_credentials', '--resource', API, '--json'],
    { env },
  );
  const service = JSON.parse(added.stdout) as { client_id: string; client_secret: string };
  const server = await startServerProcess({ DATA_DIR: dataDir, SHUTDOWN_GRACE: '10s' });
  t.teardown(() => server.stop('SIGKILL'));

  const basic = Buffer.from(`${service.client_id}:${service.client_secret}`).toString('base64');
  let signalled = false;
  const outcomes: Outcome[] = [];
  const client = async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (;;) {
      try {
        const { status, connection } = await post(
          server.port,
          agent,
          '/token',
          `grant_type=client_credentials&resource=${API}`,
          {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
        );
        outcomes.push({ status, afterSignal: signalled });
        if (connection === 'close' && !signalled) throw new Error('closed before the signal');
      } catch (error) {
        outcomes.push({ error: (error as NodeJS.ErrnoException).code ?? String(error), afterSignal: signalled });
        agent.destroy();
        return;
      }
    }
  };
  const load = Array.from({ length: CLIENTS }, client);
  // Under way: every client has had answers before the signal comes.
  await eventually(async () => outcomes.length >= LOADED, 30_000, { everyMs: 10 });
  signalled = true;
  const code = server.stop('SIGTERM');
  await Promise.all(load);

  const answered = outcomes.filter((outcome) => outcome.status !== undefined);
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  t.log(`${answered.length} answered, ${answered.filter((o) => o.afterSignal).length} of them after SIGTERM`);
  t.true(answered.filter((outcome) => !outcome.afterSignal).length >= LOADED, 'the load ran');
  t.deepEqual(
    answered.filter((outcome) => outcome.status !== 200),
    [],
    'every request the server accepted got its token',
  );
  t.deepEqual(
    failed.map((outcome) => outcome.error),
    Array(CLIENTS).fill('ECONNREFUSED'),
    'each client stops only when a new connection is refused',
  );
  t.is(await code, 0);
  t.true(server.lines.some((line) => line.msg === 'stopped'));
  // The log is written in batches: those still waiting at SIGTERM were written before the exit.
  const logged = server.lines.filter((line) => line.msg === 'request' && line.path === '/token');
  t.is(logged.length, answered.length, 'a log line for every request answered, none lost');
  t.false(server.lines.some((line) => line.msg === 'shutdown grace passed: connections cut'));
});

test('once shutting down, readyz answers 503 while healthz still answers', async (t) => {
  const op = await startOstiary();
  t.teardown(() => op.stop());
  t.is((await fetch(`${op.url}/readyz`)).status, 200);
  op.drain();
  const ready = await fetch(`${op.url}/readyz`);
  t.is(ready.status, 503);
  t.like(await ready.json(), { status: 'shutting down' });
  t.is(ready.headers.get('connection'), 'close');
  t.is((await fetch(`${op.url}/healthz`)).status, 200);
});
