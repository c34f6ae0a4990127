// oidc-provider finds a store-registered client on every request by reading, serializing and hashing
// its metadata; reuseClients hands back the instance built for the record the catalog's cache holds.
// The record is read once, not once per request, and a change to the client still applies at once.
import test from 'ava';
import type { Store } from '../../src/store/Store.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { API, type World, world } from '../helpers/world.js';

let w: World;
let reads = 0;
test.before(async () => {
  w = await world(
    {},
    {
      wrapStore: (store: Store): Store => ({
        ...store,
        clients: {
          ...store.clients,
          get(clientId) {
            reads += 1;
            return store.clients.get(clientId);
          },
        },
      }),
    },
  );
});
test.after.always(() => w?.op.stop());

const token = async (client: { client_id: string; client_secret?: string }) => {
  const response = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', resource: API }, client);
  await response.body?.cancel();
  return response.status;
};

test.serial('a client is read from the store once for many token requests, not once per request', async (t) => {
  t.is(await token(w.service), 200);
  reads = 0;
  for (let i = 0; i < 10; i += 1) t.is(await token(w.service), 200);
  // The catalog's cache lasts a second; a slow machine may cross into the next one.
  t.true(reads <= 2, `${reads} reads for 10 requests`);
});

test.serial('a changed client is used at once: a rotated secret works and the old one no longer does', async (t) => {
  t.is(await token(w.service), 200);
  const rotated = await admin<RegisteredClient>(w.op.store, 'client', 'rotate-secret', w.service.client_id);
  t.is(await token(w.service), 401);
  t.is(await token({ client_id: w.service.client_id, client_secret: rotated.client_secret as string }), 200);
});
