// Client authentication, black-box at the token, introspection and revocation endpoints, on the
// embedded store and on Redis: failed secrets lock the client_id by the sign-in rule (429 with
// Retry-After, whatever secret comes), wherever they failed; and a client must use the
// authentication method it registered.
import test from 'ava';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES, storeSettings } from '../helpers/fastRun.js';
import { postForm } from '../helpers/postForm.js';
import { API, world } from '../helpers/world.js';

const redis = redisForFile(test);

const withSecret = (client: RegisteredClient, secret: string) => ({ ...client, client_secret: secret });

for (const store of STORES) {
  const settings = (): Record<string, string> => storeSettings(store, redis);

  test(`${store}: five wrong secrets at any of the three endpoints lock the client_id, then it may try again`, async (t) => {
    let now = Date.now();
    const w = await world(settings(), { clock: () => now });
    t.teardown(() => w.op.stop());
    const wrong = withSecret(w.service, 'not-the-secret');
    const grant = { grant_type: 'client_credentials', scope: 'read' };
    const failures = [
      await postForm(w.op.url, '/token', grant, wrong),
      await postForm(w.op.url, '/token', grant, wrong),
      await postForm(w.op.url, '/token/introspection', { token: 'x' }, wrong),
      await postForm(w.op.url, '/token/introspection', { token: 'x' }, wrong),
      await postForm(w.op.url, '/token/revocation', { token: 'x' }, wrong),
    ];
    t.deepEqual(
      failures.map((response) => response.status),
      [401, 401, 401, 401, 401],
    );

    const locked = await postForm(w.op.url, '/token', grant, w.service);
    t.is(locked.status, 429, 'even the right secret waits');
    t.is(locked.headers.get('retry-after'), '1');
    t.like(await locked.json(), {
      error: 'invalid_client',
      error_description: 'too many failed client authentications; try again in 1 second',
    });
    t.is((await postForm(w.op.url, '/token/introspection', { token: 'x' }, w.service)).status, 429);

    now += 1000;
    t.is((await postForm(w.op.url, '/token', grant, w.service)).status, 200);
    // The success cleared the count: four failures later the client is not locked.
    for (let i = 0; i < 4; i += 1) await postForm(w.op.url, '/token', grant, wrong);
    t.is((await postForm(w.op.url, '/token', grant, w.service)).status, 200);
  });

  test(`${store}: another client is not locked by one client's failures`, async (t) => {
    const w = await world(settings(), { clock: () => 1_900_000_000_000 });
    t.teardown(() => w.op.stop());
    for (let i = 0; i < 6; i += 1) {
      await postForm(w.op.url, '/token/introspection', { token: 'x' }, withSecret(w.web, 'wrong'));
    }
    t.is((await postForm(w.op.url, '/token/introspection', { token: 'x' }, w.web)).status, 429);
    const other = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, w.service);
    t.is(other.status, 200);
  });
}

test('a client registered for client_secret_basic may not send its secret in the body, and the other way round', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const posting = await admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'posting', '--grant', 'client_credentials', '--resource', API],
    ...['--auth-method', 'client_secret_post'],
  );
  const inBody = (client: RegisteredClient) =>
    fetch(`${w.op.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'read',
        client_id: client.client_id,
        client_secret: client.client_secret as string,
      }),
    });
  const basicOnly = await inBody(w.service);
  t.is(basicOnly.status, 401);
  t.like(await basicOnly.json(), { error: 'invalid_client' });
  t.is((await inBody(posting)).status, 200);

  const grant = { grant_type: 'client_credentials', scope: 'read' };
  t.is((await postForm(w.op.url, '/token', grant, posting)).status, 401, 'Basic for a client_secret_post client');
  t.is((await postForm(w.op.url, '/token', grant, w.service)).status, 200);
});
