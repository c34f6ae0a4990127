// `ostiary user ...` run as a real process: accounts are created verified with a hashed password,
// listed without their hash, re-passworded from stdin and removed; bad input exits 2 naming the flag.
import test from 'ava';
import { verifyPassword } from '../../src/accounts/passwordHasher.js';
import { runCli, tempDataDir } from '../helpers/runCli.js';
import { withStore } from './withStore.js';

const PASSWORD = 'correct horse battery';

test('user add creates a verified account that user list shows without its password hash', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const added = await runCli(['user', 'add', '--email', 'Ada@Example.com', '--password', PASSWORD, '--name', 'Ada'], {
    env,
  });
  t.is(added.code, 0, added.stderr);

  const [account] = await withStore(env.DATA_DIR, (store) => store.accounts.list());
  t.truthy(account);
  t.is(account?.email, 'Ada@Example.com');
  t.true(account?.emailVerified);
  t.true(await verifyPassword(account?.passwordHash ?? '', PASSWORD));
  t.regex(added.stdout, new RegExp(account?.accountId ?? 'missing'));

  const [text, json] = await Promise.all([
    runCli(['user', 'list'], { env }),
    runCli(['user', 'list', '--json'], { env }),
  ]);
  t.is(text.code, 0);
  t.regex(text.stdout, /Ada@Example\.com/);
  t.regex(text.stdout, /Ada +active$/m);
  t.deepEqual(JSON.parse(json.stdout), {
    users: [
      {
        accountId: account?.accountId,
        email: 'Ada@Example.com',
        emailVerified: true,
        name: 'Ada',
        disabled: false,
        createdAt: new Date(account?.createdAt ?? 0).toISOString(),
        roles: [],
        groups: [],
        attributes: {},
        factors: { totp: false, recoveryCodesLeft: 0, passkeys: [] },
      },
    ],
  });
  for (const run of [added, text, json]) t.notRegex(run.stdout + run.stderr, /argon2/);
});

test('user set-password reads the new password from stdin and the stored hash verifies it', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  t.is((await runCli(['user', 'add', '--email', 'bo@example.com', '--password', PASSWORD], { env })).code, 0);

  const changed = await runCli(['user', 'set-password', 'BO@example.com', '--json'], {
    env,
    input: 'a brand new secret\nignored second line\n',
  });
  t.is(changed.code, 0, changed.stderr);
  t.like(JSON.parse(changed.stdout), { updated: true, email: 'bo@example.com' });

  const account = await withStore(env.DATA_DIR, (store) => store.accounts.findByEmail('bo@example.com'));
  t.true(await verifyPassword(account?.passwordHash ?? '', 'a brand new secret'));
  t.false(await verifyPassword(account?.passwordHash ?? '', PASSWORD));
});

test('user add with an email already taken in another letter case exits 2 naming --email', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  t.is((await runCli(['user', 'add', '--email', 'dee@example.com', '--password', PASSWORD], { env })).code, 0);
  const run = await runCli(['user', 'add', '--email', 'DEE@Example.COM', '--password', PASSWORD], { env });
  t.is(run.code, 2);
  t.regex(run.stderr, /--email/);
  t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
  t.is((await withStore(env.DATA_DIR, (store) => store.accounts.list())).length, 1);
});

test('user add with a password shorter than 8 characters exits 2 naming --password and writes nothing', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const run = await runCli(['user', 'add', '--email', 'ed@example.com', '--password', 'short'], { env });
  t.is(run.code, 2);
  t.regex(run.stderr, /--password/);
  t.is(run.stdout, '');
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.accounts.list()), []);
});

test('user add and set-password refuse common and guessable passwords and say why', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  for (const password of ['password', '12345678', '        ', 'Summer2026!', 'grace@example.com']) {
    const run = await runCli(['user', 'add', '--email', 'grace@example.com', '--password', password], { env });
    t.is(run.code, 2, `"${password}" is refused`);
    t.regex(run.stderr, /--password: .*too easy to guess: \S/, `"${password}": ${run.stderr}`);
  }
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.accounts.list()), [], 'nothing written');

  t.is((await runCli(['user', 'add', '--email', 'grace@example.com', '--password', PASSWORD], { env })).code, 0);
  const weak = await runCli(['user', 'set-password', 'grace@example.com'], { env, input: '12345678\n' });
  t.is(weak.code, 2);
  t.regex(weak.stderr, /--password: .*heavily used password/);
  const account = await withStore(env.DATA_DIR, (store) => store.accounts.findByEmail('grace@example.com'));
  t.true(await verifyPassword(account?.passwordHash ?? '', PASSWORD), 'the old password still stands');
});

test('user disable, enable, revoke and unlock report what they did, and a missing account exits 1', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  t.is((await runCli(['user', 'add', '--email', 'hal@example.com', '--password', PASSWORD], { env })).code, 0);
  const disabled = await runCli(['user', 'disable', 'HAL@example.com', '--json'], { env });
  t.is(disabled.code, 0, disabled.stderr);
  t.like(JSON.parse(disabled.stdout), { disabled: true, email: 'hal@example.com' });
  const listed = await runCli(['user', 'list'], { env });
  t.regex(listed.stdout, /hal@example\.com .* disabled$/m);
  const account = await withStore(env.DATA_DIR, (store) => store.accounts.findByEmail('hal@example.com'));
  t.true(account?.disabled);
  t.true((account?.revokedAt ?? 0) > 0, 'disabling signs the account out everywhere');

  t.like(JSON.parse((await runCli(['user', 'enable', 'hal@example.com', '--json'], { env })).stdout), {
    disabled: false,
  });
  t.like(JSON.parse((await runCli(['user', 'revoke', 'hal@example.com', '--json'], { env })).stdout), {
    revoked: true,
  });
  t.like(JSON.parse((await runCli(['user', 'unlock', 'hal@example.com', '--json'], { env })).stdout), {
    unlocked: true,
  });
  for (const verb of ['disable', 'enable', 'revoke']) {
    const missing = await runCli(['user', verb, 'nobody@example.com'], { env });
    t.is(missing.code, 1, verb);
    t.regex(missing.stderr, /no account with email nobody@example\.com/);
  }
});

test('user add with a malformed email exits 2 naming --email and writes nothing', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  const run = await runCli(['user', 'add', '--email', 'not an@email', '--password', PASSWORD], { env });
  t.is(run.code, 2);
  t.regex(run.stderr, /--email/);
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.accounts.list()), []);
});

test('user remove deletes the account by email and a second remove exits 1', async (t) => {
  const env = { DATA_DIR: await tempDataDir(t) };
  t.is((await runCli(['user', 'add', '--email', 'fay@example.com', '--password', PASSWORD], { env })).code, 0);

  const removed = await runCli(['user', 'remove', 'Fay@example.com', '--json'], { env });
  t.is(removed.code, 0, removed.stderr);
  t.like(JSON.parse(removed.stdout), { removed: true, email: 'fay@example.com' });
  t.deepEqual(await withStore(env.DATA_DIR, (store) => store.accounts.list()), []);

  const again = await runCli(['user', 'remove', 'fay@example.com'], { env });
  t.is(again.code, 1);
  t.regex(again.stderr, /no account with email fay@example\.com/);
});
