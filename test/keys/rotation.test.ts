// Key rotation through the command: promote, the states keys list shows, and how /jwks is cached.
import test from 'ava';
import { adminAudit, adminWith } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { WEB_REDIRECT, world, worldOn } from '../helpers/world.js';
import { kidOf, serviceToken } from './signingProbe.js';

const redis = redisForFile(test);

test('keys promote makes a next key sign from the key watcher’s next look, and keys list shows every state', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const oldKid = kidOf(await serviceToken(w));
  const { keys } = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--alg', 'ES256');
  const newKid = keys[0].kid as string;
  await adminWith(w.op.store, w.op.config, 'keys', 'promote', newKid);
  t.is(kidOf(await serviceToken(w)), oldKid, 'not before the watcher looks');
  await w.op.keys.tick(); // what the watcher does every few seconds
  t.is(kidOf(await serviceToken(w)), newKid);
  const listed = await adminWith(w.op.store, w.op.config, 'keys', 'list');
  const byKid = new Map(listed.keys.map((k: { kid: string }) => [k.kid, k]));
  t.like(byKid.get(newKid), { alg: 'ES256', state: 'current' });
  t.like(byKid.get(oldKid ?? ''), { alg: 'ES256', state: 'retired', transition: { next: 'removed' } });
  t.true(listed.keys.some((k: { alg: string }) => k.alg === 'cookie'));
  t.false(JSON.stringify(listed).includes('"d"'));
});

test('/jwks is cacheable for half of KEY_PROPAGATION and revalidates with its ETag', async (t) => {
  const w = await world({ KEY_PROPAGATION: '20m' });
  t.teardown(() => w.op.stop());
  const first = await fetch(`${w.op.url}/jwks`);
  t.is(first.headers.get('cache-control'), 'public, max-age=600');
  const etag = first.headers.get('etag') ?? '';
  t.truthy(etag);
  const again = await fetch(`${w.op.url}/jwks`, { headers: { 'if-none-match': etag } });
  t.is(again.status, 304);
  const { keys } = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--alg', 'RS256');
  await w.op.keys.tick();
  const changed = await fetch(`${w.op.url}/jwks`, { headers: { 'if-none-match': etag } });
  t.is(changed.status, 200, 'a new key changes the ETag');
  t.true(JSON.stringify(await changed.json()).includes(keys[0].kid));
});

test('keys promote takes a kid that starts with "-" as the key id, not as an option', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rotated = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--alg', 'EdDSA');
  const kid = rotated.keys[0].kid as string;
  // Rename the waiting key as an older key could be named (1 in 64 thumbprints starts with "-"),
  // and as -V..., which the command line must not read as --version either.
  const current = await w.op.store.settings.get<{ keys: { kid: string }[] }>('signing-keys');
  const renamed = { keys: (current?.keys ?? []).map((k) => (k.kid === kid ? { ...k, kid: `-V${kid}` } : k)) };
  await w.op.store.settings.put('signing-keys', renamed);
  const promoted = await adminWith(w.op.store, w.op.config, 'keys', 'promote', `-V${kid}`);
  t.like(promoted, { promoted: true, kid: `-V${kid}` });
});

for (const store of STORES) {
  test(`[${store}] an EdDSA key is made and published only once a client or an operator asks for EdDSA`, async (t) => {
    const w = await worldOn(t, store, redis);
    const published = async () =>
      ((await (await fetch(`${w.op.url}/jwks`)).json()) as { keys: { alg: string }[] }).keys
        .map((key) => key.alg)
        .sort();
    t.deepEqual(await published(), ['ES256', 'RS256']);
    await adminWith(w.op.store, w.op.config, 'keys', 'rotate');
    await w.op.keys.tick();
    t.deepEqual(
      await published(),
      ['ES256', 'ES256', 'RS256', 'RS256'],
      'rotating renews the algorithms in use, adds none',
    );

    const ed = ['--redirect-uri', WEB_REDIRECT, '--id-token-alg', 'EdDSA'];
    await adminWith(w.op.store, w.op.config, 'client', 'add', '--name', 'Ed', ...ed);
    await w.op.keys.tick();
    t.deepEqual(await published(), ['ES256', 'ES256', 'EdDSA', 'RS256', 'RS256']);
    t.true(adminAudit.some((line) => line.event === 'keys.rotated' && line.reason === 'first_use'));
    await adminWith(w.op.store, w.op.config, 'client', 'add', '--name', 'Ed 2', ...ed);
    await w.op.keys.tick();
    t.is((await published()).filter((alg) => alg === 'EdDSA').length, 1, 'one key serves every client');
  });
}
