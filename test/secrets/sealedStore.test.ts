// What the sealed store writes: envelopes for settings documents and client secrets, everything
// else as it was; what it reads back: the clear values, also those written before sealing existed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createSealer } from '../../src/secrets/createSealer.js';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { SealError } from '../../src/secrets/SealError.js';
import { createEmbeddedStore } from '../../src/store/embedded/createEmbeddedStore.js';
import type { ClientMetadata, Store } from '../../src/store/Store.js';
import { resealStore } from '../../src/store/sealed/resealStore.js';
import { sealedStore } from '../../src/store/sealed/sealedStore.js';
import { testChange } from '../helpers/change.js';

const [OLD, NEW] = [generateMasterSecret(), generateMasterSecret()];
const KEYS = { keys: [{ kid: 'k1', jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'private-d' } }] };
const SERVICE: ClientMetadata = { client_id: 'service', client_secret: 'the-client-secret', client_name: 'S' };
const SPA: ClientMetadata = { client_id: 'spa', token_endpoint_auth_method: 'none' };

function rawStore(t: ExecutionContext): Store {
  const dataDir = mkdtempSync(join(tmpdir(), 'ostiary-sealed-'));
  const raw = createEmbeddedStore(dataDir);
  t.teardown(async () => {
    await raw.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return raw;
}

test('settings documents are stored as one envelope each and read back whole', async (t) => {
  const raw = rawStore(t);
  const sealer = createSealer([NEW]);
  const store = sealedStore(raw, sealer);
  await store.settings.put('signing-keys', KEYS);
  const stored = await raw.settings.get<string>('signing-keys');
  t.true(sealer.isSealed(stored));
  t.false(JSON.stringify(stored).includes('private-d'));
  t.deepEqual(await store.settings.get('signing-keys'), KEYS);
  t.deepEqual(await store.settings.initialize('cookie-keys', ['c1']), ['c1']);
  t.deepEqual(await store.settings.initialize('cookie-keys', ['c2']), ['c1'], 'first writer still wins');
  t.true(sealer.isSealed(await raw.settings.get('cookie-keys')));
});

test("read and swap pass the backend's revision through, and swap seals what it writes", async (t) => {
  const raw = rawStore(t);
  const store = sealedStore(raw, createSealer([NEW]));
  await store.settings.put('signing-keys', KEYS);
  const read = await store.settings.read<typeof KEYS>('signing-keys');
  t.deepEqual(read?.value, KEYS);
  t.is(read?.revision, (await raw.settings.read('signing-keys'))?.revision);
  t.true(await store.settings.swap('signing-keys', read?.revision ?? '', { keys: [] }));
  t.false(await store.settings.swap('signing-keys', read?.revision ?? '', { keys: [1] }), 'stale revision');
  t.deepEqual(await store.settings.get('signing-keys'), { keys: [] });
  t.true(createSealer([NEW]).isSealed(await raw.settings.get('signing-keys')));
});

test('a client secret is stored sealed and given back in clear; the rest of the metadata is readable', async (t) => {
  const raw = rawStore(t);
  const store = sealedStore(raw, createSealer([NEW]));
  await store.clients.put(SERVICE);
  await store.clients.put(SPA);
  const stored = await raw.clients.get('service');
  t.regex(String(stored?.client_secret), /^ostiary:sealed:v1:/);
  t.is(stored?.client_name, 'S');
  t.deepEqual(await raw.clients.get('spa'), SPA);
  t.deepEqual(await store.clients.get('service'), SERVICE);
  t.deepEqual(await store.clients.list(), [SERVICE, SPA]);
});

test('a sealed client secret does not open as another client', async (t) => {
  const raw = rawStore(t);
  const store = sealedStore(raw, createSealer([NEW]));
  await store.clients.put(SERVICE);
  const stolen = await raw.clients.get('service');
  await raw.clients.put({ ...SPA, client_secret: stolen?.client_secret });
  const error = await t.throwsAsync(store.clients.get('spa'), { instanceOf: SealError });
  t.is(error?.code, 'tampered');
});

test('values written before sealing existed read as they are', async (t) => {
  const raw = rawStore(t);
  await raw.settings.put('signing-keys', KEYS);
  await raw.clients.put(SERVICE);
  const store = sealedStore(raw, createSealer([NEW]));
  t.deepEqual(await store.settings.get('signing-keys'), KEYS);
  t.deepEqual(await store.clients.get('service'), SERVICE);
});

test('artifacts and resources pass through untouched', (t) => {
  const raw = rawStore(t);
  const store = sealedStore(raw, createSealer([NEW]));
  t.is(store.artifacts, raw.artifacts);
  t.is(store.resources, raw.resources);
  t.is(store.kind, raw.kind);
});

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const account = (accountId: string) => ({
  accountId,
  email: `${accountId}@example.com`,
  emailVerified: true,
  name: undefined,
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  createdAt: 1,
  disabled: false,
  revokedAt: undefined,
});

test('an account’s TOTP secret is stored sealed to that account; the rest of the account is not', async (t) => {
  const raw = rawStore(t);
  const store = sealedStore(raw, createSealer([NEW]));
  const factors = { totp: { secret: TOTP_SECRET, enrolledAt: 2 }, recoveryCodes: ['hash'] };
  await store.accounts.create({ ...account('ada'), factors });
  await store.accounts.create(account('bob'));
  const stored = await raw.accounts.findById('ada');
  t.regex(String(stored?.factors?.totp?.secret), /^ostiary:sealed:/);
  t.false(JSON.stringify(stored).includes(TOTP_SECRET));
  t.deepEqual(stored?.factors?.recoveryCodes, ['hash']);
  t.deepEqual((await store.accounts.findByEmail('ada@example.com'))?.factors, factors);
  t.deepEqual(await store.accounts.findById('bob'), await raw.accounts.findById('bob'), 'no factors: as it is');
  await store.accounts.update('bob', { factors });
  t.regex(String((await raw.accounts.findById('bob'))?.factors?.totp?.secret), /^ostiary:sealed:/);
  // Sealed to its account: moved to another account's record, it does not open.
  await raw.accounts.update('bob', { factors: stored?.factors });
  await t.throwsAsync(store.accounts.findById('bob'), { instanceOf: SealError });
});

test('reseal rewrites every sealed value (and any left in clear) under the first secret', async (t) => {
  const raw = rawStore(t);
  const before = sealedStore(raw, createSealer([OLD]));
  await before.settings.put('signing-keys', KEYS);
  await before.settings.put('cookie-keys', ['c1']);
  await before.clients.put(SERVICE);
  await raw.clients.put({ ...SERVICE, client_id: 'legacy' }); // in clear, from before sealing
  await before.clients.put(SPA);
  await before.accounts.create({ ...account('ada'), factors: { totp: { secret: TOTP_SECRET, enrolledAt: 2 } } });

  const resealed = await resealStore(sealedStore(raw, createSealer([NEW, OLD])), testChange());
  t.deepEqual(resealed, { settings: 2, clients: 2, accounts: 1 });
  const only = sealedStore(raw, createSealer([NEW]));
  t.deepEqual(await only.settings.get('signing-keys'), KEYS);
  t.deepEqual(await only.settings.get('cookie-keys'), ['c1']);
  t.deepEqual(await only.clients.get('service'), SERVICE);
  t.deepEqual(await only.clients.get('legacy'), { ...SERVICE, client_id: 'legacy' });
  t.regex(String((await raw.clients.get('legacy'))?.client_secret), /^ostiary:sealed:/);
  await t.throwsAsync(sealedStore(raw, createSealer([OLD])).settings.get('signing-keys'), { instanceOf: SealError });
  t.is((await only.accounts.findById('ada'))?.factors?.totp?.secret, TOTP_SECRET);
  await t.throwsAsync(sealedStore(raw, createSealer([OLD])).accounts.findById('ada'), { instanceOf: SealError });
});
