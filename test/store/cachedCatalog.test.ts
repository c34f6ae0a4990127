// The catalog cache over a real embedded store: it keeps the storage contract, saves the backend
// reads it exists to save, and never serves what a write through it replaced. A second store
// object on the same file plays another process (the `ostiary` command, another instance).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { cachedCatalog } from '../../src/store/cached/cachedCatalog.js';
import { cachedRecords } from '../../src/store/cached/cachedRecords.js';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import type { ClientMetadata, RecordStore, Store } from '../../src/store/Store.js';
import { storeContract } from './contract.js';
import { embeddedFixture } from './embeddedFixture.js';

storeContract('cached', async () => embeddedFixture('cached', cachedCatalog));

/** The clients of a real embedded store, counting the reads that reach it. */
function countedClients(t: import('ava').ExecutionContext) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ostiary-cached-'));
  const backend: Store = createEmbeddedStore(dataDir);
  const elsewhere: Store = createEmbeddedStore(dataDir);
  t.teardown(async () => {
    await Promise.all([backend.close(), elsewhere.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });
  let reads = 0;
  let gate: Promise<void> | undefined;
  const counted: RecordStore<ClientMetadata> = {
    ...backend.clients,
    async get(id) {
      reads += 1;
      const record = await backend.clients.get(id);
      await gate;
      return record;
    },
  };
  return {
    counted,
    elsewhere: elsewhere.clients,
    reads: () => reads,
    /** Holds every backend read after it has read, until the returned function is called. */
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

const client = (id: string, name: string): ClientMetadata => ({ client_id: id, client_name: name });
const clock = () => {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
};

test('within its max age a client is read from the backend once, however often it is asked for', async (t) => {
  const { counted, reads } = countedClients(t);
  const time = clock();
  const clients = cachedRecords(counted, (c) => c.client_id, { maxAgeMs: 1000, maxEntries: 10, now: time.now });
  await clients.put(client('a', 'A'));
  for (let i = 0; i < 100; i += 1) t.is((await clients.get('a'))?.client_name, 'A');
  t.is(reads(), 1);
  time.advance(1000);
  await clients.get('a');
  t.is(reads(), 2, 'an entry as old as the max age is read again');
});

test('a change written through the cache is seen at once; one written elsewhere once the max age has passed', async (t) => {
  const { counted, elsewhere } = countedClients(t);
  const time = clock();
  const clients = cachedRecords(counted, (c) => c.client_id, { maxAgeMs: 1000, maxEntries: 10, now: time.now });
  await clients.put(client('a', 'A'));
  t.is((await clients.get('a'))?.client_name, 'A');
  await clients.put(client('a', 'B'));
  t.is((await clients.get('a'))?.client_name, 'B');
  await clients.remove('a');
  t.is(await clients.get('a'), undefined);

  await clients.put(client('a', 'C'));
  t.is((await clients.get('a'))?.client_name, 'C');
  await elsewhere.remove('a');
  time.advance(999);
  t.is((await clients.get('a'))?.client_name, 'C', 'kept for its max age');
  time.advance(1);
  t.is(await clients.get('a'), undefined, 'the removal made elsewhere is seen');
});

test('a client missing when asked for is not remembered as missing', async (t) => {
  const { counted, elsewhere } = countedClients(t);
  const clients = cachedRecords(counted, (c) => c.client_id, { maxAgeMs: 60_000, maxEntries: 10 });
  t.is(await clients.get('new'), undefined);
  await elsewhere.put(client('new', 'registered elsewhere'));
  t.is((await clients.get('new'))?.client_name, 'registered elsewhere');
});

test('a read that overlapped a write through the cache is not kept', async (t) => {
  const { counted, hold } = countedClients(t);
  const clients = cachedRecords(counted, (c) => c.client_id, { maxAgeMs: 60_000, maxEntries: 10 });
  await clients.put(client('a', 'old'));
  const release = hold();
  const overlapping = clients.get('a'); // reads 'old', then waits
  await new Promise((resolve) => setImmediate(resolve));
  const written = clients.put(client('a', 'new'));
  release();
  t.is((await overlapping)?.client_name, 'old');
  await written;
  t.is((await clients.get('a'))?.client_name, 'new');
});

test('at most maxEntries clients are kept, the one read from the backend longest ago going first', async (t) => {
  const { counted, reads } = countedClients(t);
  const clients = cachedRecords(counted, (c) => c.client_id, { maxAgeMs: 60_000, maxEntries: 2 });
  for (const id of ['a', 'b', 'c']) await clients.put(client(id, id));
  for (const id of ['a', 'b', 'c']) await clients.get(id);
  t.is(reads(), 3);
  await clients.get('c');
  await clients.get('b');
  t.is(reads(), 3, "'b' and 'c' were kept");
  await clients.get('a');
  t.is(reads(), 4, "'a' was evicted");
});
