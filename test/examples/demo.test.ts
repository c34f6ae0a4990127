// `npm run examples` (examples/demo.ts): Ostiary and every example start together, and starting
// again on the same data registers nothing twice: the same clients, working again.
import test from 'ava';
import { startDemo } from '../../examples/demo.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { freePort } from '../helpers/freePort.js';
import { tempDir } from '../helpers/tempDir.js';

test('the demo starts everything, and a second start on the same data registers nothing twice', async (t) => {
  const dataDir = tempDir('demo');
  const run = async () => {
    const port = await freePort();
    const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const ports = { api: await freePort(), koaApi: await freePort(), webApp: await freePort(), spa: await freePort() };
    return { demo: await startDemo(config, ports), config };
  };
  const first = await run();
  const { urls } = first.demo;
  t.is((await fetch(urls.spa as string)).status, 200);
  t.regex(await (await fetch(urls['web app'] as string)).text(), /Sign in/);
  const api = await fetch(urls['notes API (Express)'] as string);
  t.is(api.status, 401, 'the API wants a token');
  t.is((await fetch(urls['notes API (Koa)'] as string)).status, 401);
  t.is(Object.keys(first.demo.clientIds).length, 3);
  await first.demo.stop();

  const second = await run();
  t.teardown(() => second.demo.stop());
  t.is((await fetch(second.demo.urls.spa as string)).status, 200);
  t.deepEqual(second.demo.clientIds, first.demo.clientIds, 'the same clients, not new ones');
  // The web app's sign-in reaches Ostiary's login page with its client (its secret was renewed).
  const login = await fetch(`${second.demo.urls['web app']}/login`, { redirect: 'manual' });
  const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
  t.is(authorize.status, 303, 'Ostiary knows the client and sends the browser to sign in');
  t.regex(authorize.headers.get('location') ?? '', /\/interaction\//);
});
