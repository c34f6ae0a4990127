// The hashing decorator over a real embedded store: ids are stored as keyed hashes and payloads
// come back exactly as saved (even values that look like its markers), and raw ids written before
// hashing are read until the legacy window closes, then never again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import { createHasher } from '../../src/store/hashed/Hasher.js';
import { hashedArtifacts } from '../../src/store/hashed/hashedArtifacts.js';
import type { Store } from '../../src/store/Store.js';

const HOUR = 3600;
const hasher = createHasher(Buffer.alloc(32, 7));

function open(t: import('ava').ExecutionContext): Store {
  const dataDir = mkdtempSync(join(tmpdir(), 'ostiary-hashed-'));
  const store = createEmbeddedStore(dataDir);
  t.teardown(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return store;
}

test('an artifact is stored under the keyed hash of its id and comes back exactly as saved', async (t) => {
  const backend = open(t);
  const artifacts = hashedArtifacts(backend.artifacts, hasher, { legacyReadsUntil: 0 });
  const id = 'interaction-id-0123456789';
  const payload = {
    jti: id,
    kind: 'Interaction',
    returnTo: `https://id.example.com/auth/${id}`,
    params: { state: `tricky \u0001i and \u0001\u0001 and ${id}`, list: [id, 1, null] },
    session: { accountId: 'ada', cookie: 'the-session-id' },
  };
  await artifacts.upsert('Interaction', id, payload, HOUR);
  const stored = await backend.artifacts.find('Interaction', hasher.digest(id));
  t.truthy(stored);
  t.false(JSON.stringify(stored).includes(id), 'the raw id is nowhere in what is stored');
  t.false(JSON.stringify(stored).includes('the-session-id'), 'nor the session it belongs to');
  t.is(await backend.artifacts.find('Interaction', id), undefined);
  t.deepEqual(await artifacts.find('Interaction', id), {
    ...payload,
    session: { accountId: 'ada', cookie: hasher.digest('the-session-id') },
  });
  t.is(await artifacts.consume('Interaction', id), 'consumed');
  await artifacts.destroy('Interaction', id);
  t.is(await artifacts.find('Interaction', id), undefined);
});

test('grants keep their ids: tokens name them, and nobody presents one', async (t) => {
  const backend = open(t);
  const artifacts = hashedArtifacts(backend.artifacts, hasher, { legacyReadsUntil: 0 });
  await artifacts.upsert('Grant', 'grant-1', { jti: 'grant-1', accountId: 'ada' }, HOUR);
  t.deepEqual(await backend.artifacts.find('Grant', 'grant-1'), { jti: 'grant-1', accountId: 'ada' });
});

test('raw ids written before hashing are read, consumed and destroyed until the legacy window closes', async (t) => {
  const backend = open(t);
  let now = 1_000;
  const artifacts = hashedArtifacts(backend.artifacts, hasher, { legacyReadsUntil: 2_000, now: () => now });
  const old = { jti: 'old-token', kind: 'RefreshToken', grantId: 'g' };
  await backend.artifacts.upsert('RefreshToken', 'old-token', old, HOUR);
  await backend.artifacts.upsert('RefreshToken', 'old-too', old, HOUR);
  t.deepEqual(await artifacts.find('RefreshToken', 'old-token'), old);
  t.is(await artifacts.consume('RefreshToken', 'old-token'), 'consumed');
  t.is(await artifacts.consume('RefreshToken', 'old-token'), 'already-consumed');
  await artifacts.destroy('RefreshToken', 'old-token');
  t.is(await backend.artifacts.find('RefreshToken', 'old-token'), undefined);

  now = 2_000;
  t.is(await artifacts.find('RefreshToken', 'old-too'), undefined, 'no raw look-ups once the window closed');
  t.is(await artifacts.consume('RefreshToken', 'old-too'), 'not-found');
});
