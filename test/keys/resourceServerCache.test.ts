// A rotation seen by a resource server with jose's default JWKS cache, in real time: jose's
// cooldown (30 s between refetches) runs on its own clock, which cannot be injected, so this test
// waits it out (about 35 s). npm run test:fast leaves it out; npm test runs it.
import test from 'ava';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { adminWith } from '../helpers/admin.js';
import { API, world } from '../helpers/world.js';
import { es256Kids, kidOf, serviceToken } from './signingProbe.js';

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
