// examples/service: a machine client calling the notes API. Its one client-credentials token
// serves call after call (Ostiary's own metrics count the tokens it issued), and a new one comes
// shortly before the old expires (a moved clock, no waiting).
import test from 'ava';
import { startNotesApi } from '../../examples/api/express.js';
import { serviceClient } from '../../examples/service/service.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { freePort } from '../helpers/freePort.js';
import { manualClock } from '../helpers/manualClock.js';
import { world } from '../helpers/world.js';

const NOTES = 'https://notes.example.com';

test('the service reuses its token until shortly before it expires, then fetches one new token', async (t) => {
  const w = await world({}, { metrics: true });
  t.teardown(() => w.op.stop());
  await admin(w.op.store, 'resource', 'add', '--id', NOTES, '--scope', 'read write', '--ttl', '5m');
  const robot = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Nightly job', '--grant', 'client_credentials', '--resource', NOTES],
  );
  const port = await freePort();
  const api = await startNotesApi({ issuer: w.op.url, audience: NOTES }, port);
  t.teardown(() => api.close());
  const issued = async () => {
    const line = (await w.op.metricsText())
      .split('\n')
      .find((each) => each.startsWith('ostiary_tokens_issued_total') && each.includes(robot.client_id));
    return Number(line?.split(' ').pop() ?? 0);
  };

  const clock = manualClock();
  const service = serviceClient({
    issuer: w.op.url,
    clientId: robot.client_id,
    clientSecret: robot.client_secret as string,
    resource: NOTES,
    renewBeforeSeconds: 30,
    now: clock.now,
  });
  const url = `http://127.0.0.1:${port}/notes`;
  for (let call = 0; call < 5; call += 1) t.is((await service.call(url)).status, 200);
  t.is(await issued(), 1, 'five calls, one token');
  const first = await service.token();

  clock.advance(4 * 60 * 1000); // 60 s left: still good
  t.is((await service.call(url)).status, 200);
  t.is(await issued(), 1);
  clock.advance(40 * 1000); // 20 s left: inside the 30 s margin
  t.is((await service.call(url)).status, 200);
  t.is(await issued(), 2);
  t.not(await service.token(), first);
});
