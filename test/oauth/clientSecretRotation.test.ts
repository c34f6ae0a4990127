// `client rotate-secret`: the new secret works at once; with --grace the old one keeps working
// until the grace period ends and not after, without it the old one stops at once. Both are kept
// sealed, and a public client has nothing to rotate.
import test from 'ava';
import { adminWith } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { dumpEmbedded } from '../helpers/storeDump.js';
import { API, type World, world } from '../helpers/world.js';

let w: World;
let skew = 0;
test.before(async () => {
  w = await world({}, { clock: () => Date.now() + skew });
});
test.after.always(() => w?.op.stop());

const tokenStatus = async (clientId: string, secret: string) => {
  const response = await postForm(
    w.op.url,
    '/token',
    { grant_type: 'client_credentials', resource: API },
    {
      client_id: clientId,
      client_secret: secret,
    },
  );
  await response.body?.cancel();
  return response.status;
};

interface Rotated {
  client_id: string;
  client_secret: string;
  previous_secret_valid_until: string | null;
}

const addService = (name: string) =>
  adminWith(
    w.op.store,
    w.op.config,
    'client',
    'add',
    '--name',
    name,
    '--grant',
    'client_credentials',
    '--resource',
    API,
  );
const rotate = (clientId: string, ...flags: string[]) =>
  adminWith<Rotated>(w.op.store, w.op.config, 'client', 'rotate-secret', clientId, ...flags);

test.serial('with --grace 1h both secrets work for an hour, then only the new one', async (t) => {
  const service = await addService('Ledger');
  const rotated = await rotate(service.client_id, '--grace', '1h');
  t.not(rotated.client_secret, service.client_secret);
  t.truthy(rotated.previous_secret_valid_until);
  t.is(await tokenStatus(service.client_id, rotated.client_secret), 200, 'the new secret at once');
  t.is(await tokenStatus(service.client_id, service.client_secret), 200, 'the old one during the grace period');

  const dump = dumpEmbedded(w.op.dataDir).join('\n');
  t.false(dump.includes(service.client_secret), 'the old secret is sealed at rest');
  t.false(dump.includes(rotated.client_secret), 'the new one too');

  const shown = await adminWith(w.op.store, w.op.config, 'client', 'show', service.client_id);
  t.false(JSON.stringify(shown).includes(service.client_secret), 'client show never shows either');

  skew = 3_601_000;
  t.is(
    await tokenStatus(service.client_id, service.client_secret),
    401,
    'past the grace period the old one is refused',
  );
  t.is(await tokenStatus(service.client_id, rotated.client_secret), 200);
  skew = 0;
});

test.serial(
  'without --grace the old secret stops at once; a second rotation ends an earlier grace period',
  async (t) => {
    const service = await addService('Payroll');
    const first = await rotate(service.client_id, '--grace', '1h');
    const second = await rotate(service.client_id);
    t.is(second.previous_secret_valid_until, null);
    t.is(await tokenStatus(service.client_id, service.client_secret), 401);
    t.is(await tokenStatus(service.client_id, first.client_secret), 401);
    t.is(await tokenStatus(service.client_id, second.client_secret), 200);
  },
);

test.serial('a public client has no secret to rotate: exit 2, naming why', async (t) => {
  const error = await t.throwsAsync(adminWith(w.op.store, w.op.config, 'client', 'rotate-secret', w.spa.client_id));
  t.regex(error?.message ?? '', /exited 2: .*public client/);
});
