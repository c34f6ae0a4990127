import test from 'ava';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { adminWith } from '../helpers/admin.js';
import { eventually } from '../helpers/eventually.js';
import { postForm } from '../helpers/postForm.js';
import { API, type World, world } from '../helpers/world.js';

const serviceToken = async (w: World) => {
  const response = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, w.service);
  return ((await response.json()) as { access_token: string }).access_token;
};
const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;
const es256Kids = async (w: World) => {
  const { keys } = (await (await fetch(`${w.op.url}/jwks`)).json()) as { keys: { kid: string; alg: string }[] };
  return keys.filter((k) => k.alg === 'ES256').map((k) => k.kid);
};

test('a resource server with jose’s default JWKS cache sees no failure across a rotation, and the new key signs only after the propagation delay', async (t) => {
  // 32 s: past jose's 30 s cooldown, so the resource server may refetch when it meets the new kid.
  const w = await world({ KEY_PROPAGATION: '32s' });
  t.teardown(() => w.op.stop());
  const jwks = createRemoteJWKSet(new URL(`${w.op.url}/jwks`)); // default cache: 10 min, cooldown 30 s
  const verify = (jwt: string) => jwtVerify(jwt, jwks, { issuer: w.op.url, audience: API, typ: 'at+jwt' });
  const oldKid = kidOf(await serviceToken(w));
  await verify(await serviceToken(w));

  const rotatedAt = Date.now();
  const { keys } = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--alg', 'ES256');
  const newKid = keys[0].kid as string;
  await w.op.keys.tick();
  t.deepEqual((await es256Kids(w)).sort(), [oldKid ?? '', newKid].sort(), 'the next key is published at once');

  let failures = 0;
  let verified = 0;
  let firstNewKidAt: number | undefined;
  while (Date.now() - rotatedAt < 40_000) {
    const jwt = await serviceToken(w);
    if (kidOf(jwt) === newKid) firstNewKidAt ??= Date.now();
    await verify(jwt).then(
      () => {
        verified += 1;
      },
      () => {
        failures += 1;
      },
    );
    if (firstNewKidAt && Date.now() - firstNewKidAt > 1000) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  t.is(failures, 0, `${failures} of ${failures + verified} verifications failed`);
  t.truthy(firstNewKidAt, 'the new key signs in the end');
  t.true((firstNewKidAt ?? 0) - rotatedAt >= 32_000, `signed after ${(firstNewKidAt ?? 0) - rotatedAt} ms`);
  t.true((await es256Kids(w)).includes(oldKid ?? ''), 'the retired key stays published for tokens it signed');
});

test('keys promote makes a next key sign within 5 seconds, and keys list shows every state', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const oldKid = kidOf(await serviceToken(w));
  const { keys } = await adminWith(w.op.store, w.op.config, 'keys', 'rotate', '--alg', 'ES256');
  const newKid = keys[0].kid as string;
  await adminWith(w.op.store, w.op.config, 'keys', 'promote', newKid);
  const { held, ms } = await eventually(async () => kidOf(await serviceToken(w)) === newKid, 5000);
  t.true(held && ms < 5000, `${ms} ms`);
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
  // Rename the waiting key as an older key could be named (1 in 64 thumbprints starts with "-").
  const current = await w.op.store.settings.get<{ keys: { kid: string }[] }>('signing-keys');
  const renamed = { keys: (current?.keys ?? []).map((k) => (k.kid === kid ? { ...k, kid: `-${kid}` } : k)) };
  await w.op.store.settings.put('signing-keys', renamed);
  const promoted = await adminWith(w.op.store, w.op.config, 'keys', 'promote', `-${kid}`);
  t.like(promoted, { promoted: true, kid: `-${kid}` });
});
