// The one storage contract suite: every backend must pass exactly these tests. A backend file
// calls storeContract(name, makeStore) with a factory that gives each test a fresh, empty store;
// a `twin` (a second handle on the same data, as a second instance would have) makes races real.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import test, { type ExecutionContext } from 'ava';
import { DuplicateError } from '../../src/store/errors.js';
import type { Account, ArtifactPayload, Resource, Store } from '../../src/store/Store.js';

export interface StoreFixture {
  store: Store;
  /** A second, independent handle on the same data (another process, another client). */
  twin?: () => Promise<Store>;
  cleanup(): Promise<void>;
  /** Lets the store's clock move on (an injected clock); absent, the test waits that long. */
  passTime?: (ms: number) => Promise<void>;
}

const HOUR = 3600; // seconds: long enough that nothing expires during a test
const EXPIRY_WAIT_MS = 1300; // for a 1 s TTL: past it, with room for Redis's own millisecond expiry

const account = (overrides: Partial<Account> = {}): Account => ({
  accountId: randomUUID(),
  email: `${randomUUID()}@example.com`,
  emailVerified: false,
  name: 'Ada Lovelace',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  createdAt: Date.now(),
  disabled: false,
  revokedAt: undefined,
  ...overrides,
});

const token = (overrides: ArtifactPayload = {}): ArtifactPayload => ({
  jti: randomUUID(),
  kind: 'AuthorizationCode',
  clientId: 'client-1',
  scope: 'openid email',
  claims: { id_token: { email: null } },
  resources: [],
  ...overrides,
});

export function storeContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  /** A fresh store for one test, closed when the test ends. */
  const open = async (t: ExecutionContext) => {
    const fixture = await makeStore();
    t.teardown(() => fixture.cleanup());
    const twin = async () => {
      if (!fixture.twin) return fixture.store;
      const other = await fixture.twin();
      t.teardown(() => other.close());
      return other;
    };
    return { store: fixture.store, twin, passTime: fixture.passTime ?? sleep };
  };

  // Artifacts

  test(`${name}: an upserted artifact is found with the same payload`, async (t) => {
    const { store } = await open(t);
    const payload = token({ grantId: 'g1', nested: { list: [1, 'two'], empty: {} } });
    await store.artifacts.upsert('AuthorizationCode', 'code-1', payload, HOUR);
    t.deepEqual(await store.artifacts.find('AuthorizationCode', 'code-1'), payload);
    t.is(await store.artifacts.find('AccessToken', 'code-1'), undefined, 'the model is part of the key');
    t.is(await store.artifacts.find('AuthorizationCode', 'code-2'), undefined);
  });

  test(`${name}: an upsert replaces the payload, consumption included`, async (t) => {
    const { store } = await open(t);
    await store.artifacts.upsert('RefreshToken', 'rt', token({ consumed: 1 }), HOUR);
    const fresh = token({ scope: 'openid' });
    await store.artifacts.upsert('RefreshToken', 'rt', fresh, HOUR);
    t.deepEqual(await store.artifacts.find('RefreshToken', 'rt'), fresh);
    t.is(await store.artifacts.consume('RefreshToken', 'rt'), 'consumed');
  });

  test(`${name}: an artifact, its uid and its userCode are gone once its TTL has passed`, async (t) => {
    const { store, passTime } = await open(t);
    await store.artifacts.upsert('DeviceCode', 'short', token({ uid: 'u-short', userCode: 'SHRT-CODE' }), 1);
    await store.artifacts.upsert('DeviceCode', 'long', token(), HOUR);
    t.truthy(await store.artifacts.find('DeviceCode', 'short'));
    await passTime(EXPIRY_WAIT_MS);
    t.is(await store.artifacts.find('DeviceCode', 'short'), undefined);
    t.is(await store.artifacts.findByUid('DeviceCode', 'u-short'), undefined);
    t.is(await store.artifacts.findByUserCode('DeviceCode', 'SHRT-CODE'), undefined);
    t.is(await store.artifacts.consume('DeviceCode', 'short'), 'not-found');
    t.truthy(await store.artifacts.find('DeviceCode', 'long'));
  });

  test(`${name}: findByUid finds the artifact of that model carrying the uid`, async (t) => {
    const { store } = await open(t);
    const session = token({ kind: 'Session', uid: 'uid-1' });
    await store.artifacts.upsert('Session', 'sess-1', session, HOUR);
    t.deepEqual(await store.artifacts.findByUid('Session', 'uid-1'), session);
    t.is(await store.artifacts.findByUid('Session', 'uid-2'), undefined);
    t.is(await store.artifacts.findByUid('Interaction', 'uid-1'), undefined);
  });

  test(`${name}: findByUid stops finding an artifact once it carries another uid or is destroyed`, async (t) => {
    const { store } = await open(t);
    await store.artifacts.upsert('Session', 'sess-1', token({ uid: 'old' }), HOUR);
    const renewed = token({ uid: 'new' });
    await store.artifacts.upsert('Session', 'sess-1', renewed, HOUR);
    t.is(await store.artifacts.findByUid('Session', 'old'), undefined);
    t.deepEqual(await store.artifacts.findByUid('Session', 'new'), renewed);
    await store.artifacts.destroy('Session', 'sess-1');
    t.is(await store.artifacts.findByUid('Session', 'new'), undefined);
  });

  test(`${name}: findByUserCode finds the device code carrying the user code`, async (t) => {
    const { store } = await open(t);
    const deviceCode = token({ kind: 'DeviceCode', userCode: 'WDJB-MJHT' });
    await store.artifacts.upsert('DeviceCode', 'dc-1', deviceCode, HOUR);
    t.deepEqual(await store.artifacts.findByUserCode('DeviceCode', 'WDJB-MJHT'), deviceCode);
    t.is(await store.artifacts.findByUserCode('DeviceCode', 'XXXX-XXXX'), undefined);
  });

  test(`${name}: consume answers consumed, then already-consumed, and not-found for an unknown id`, async (t) => {
    const { store } = await open(t);
    const before = Math.floor(Date.now() / 1000);
    await store.artifacts.upsert('AuthorizationCode', 'code', token(), HOUR);
    t.is((await store.artifacts.find('AuthorizationCode', 'code'))?.consumed, undefined);
    t.is(await store.artifacts.consume('AuthorizationCode', 'code'), 'consumed');
    t.is(await store.artifacts.consume('AuthorizationCode', 'code'), 'already-consumed');
    t.is(await store.artifacts.consume('AuthorizationCode', 'unknown'), 'not-found');
    t.is(await store.artifacts.find('AuthorizationCode', 'unknown'), undefined, 'consume created nothing');
    const consumed = (await store.artifacts.find('AuthorizationCode', 'code'))?.consumed;
    t.true(typeof consumed === 'number' && consumed >= before && consumed <= Date.now() / 1000 + 1);
  });

  test(`${name}: of 16 parallel consumes of one artifact exactly one wins`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    await store.artifacts.upsert('RefreshToken', 'rt', token(), HOUR);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).artifacts.consume('RefreshToken', 'rt')),
    );
    t.is(outcomes.filter((outcome) => outcome === 'consumed').length, 1);
    t.is(outcomes.filter((outcome) => outcome === 'already-consumed').length, 15);
  });

  test(`${name}: a destroyed artifact is gone and destroying it again is harmless`, async (t) => {
    const { store } = await open(t);
    await store.artifacts.upsert('AccessToken', 'at', token({ grantId: 'g' }), HOUR);
    await store.artifacts.destroy('AccessToken', 'at');
    t.is(await store.artifacts.find('AccessToken', 'at'), undefined);
    await t.notThrowsAsync(store.artifacts.destroy('AccessToken', 'at'));
    await t.notThrowsAsync(store.artifacts.revokeByGrantId('g'));
  });

  test(`${name}: revokeByGrantId removes every grant-bound artifact of the grant, and nothing else`, async (t) => {
    const { store } = await open(t);
    const models = ['AuthorizationCode', 'AccessToken', 'RefreshToken', 'DeviceCode'];
    for (const [i, model] of models.entries()) {
      await store.artifacts.upsert(model, `revoked-${i}`, token({ grantId: 'grant-a' }), HOUR * (i + 1));
      await store.artifacts.upsert(model, `kept-${i}`, token({ grantId: 'grant-b' }), HOUR);
    }
    await store.artifacts.upsert('Session', 'no-grant', token({ uid: 'u' }), HOUR);
    // An interaction in flight names the grant it may extend; signing in as someone else revokes
    // that grant before the interaction resumes, so it must survive (prompt=login account switch).
    await store.artifacts.upsert('Interaction', 'in-flight', token({ grantId: 'grant-a' }), HOUR);
    await store.artifacts.revokeByGrantId('grant-a');
    for (const [i, model] of models.entries()) {
      t.is(await store.artifacts.find(model, `revoked-${i}`), undefined, `${model} of the revoked grant`);
      t.truthy(await store.artifacts.find(model, `kept-${i}`), `${model} of another grant`);
    }
    t.truthy(await store.artifacts.find('Session', 'no-grant'));
    t.truthy(await store.artifacts.find('Interaction', 'in-flight'));
    await t.notThrowsAsync(store.artifacts.revokeByGrantId('grant-unknown'));
  });

  test(`${name}: revokeByAccountId removes the account's grants, what they hold and its sessions, and nothing else`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    const ofAda = { accountId: 'ada' };
    await store.artifacts.upsert('Grant', 'grant-ada', token({ ...ofAda, kind: 'Grant' }), HOUR);
    await other.artifacts.upsert('RefreshToken', 'rt-ada', token({ ...ofAda, grantId: 'grant-ada' }), HOUR);
    await store.artifacts.upsert('AccessToken', 'at-ada', token({ ...ofAda, grantId: 'grant-ada' }), HOUR);
    await other.artifacts.upsert('Session', 'session-ada', token({ ...ofAda, uid: 'uid-ada' }), HOUR);
    await store.artifacts.upsert('Grant', 'grant-bob', token({ accountId: 'bob', kind: 'Grant' }), HOUR);
    await store.artifacts.upsert('RefreshToken', 'rt-bob', token({ accountId: 'bob', grantId: 'grant-bob' }), HOUR);
    await store.artifacts.upsert('Session', 'session-bob', token({ accountId: 'bob', uid: 'uid-bob' }), HOUR);

    await store.artifacts.revokeByAccountId('ada');
    for (const [model, id] of [
      ['Grant', 'grant-ada'],
      ['RefreshToken', 'rt-ada'],
      ['AccessToken', 'at-ada'],
      ['Session', 'session-ada'],
    ] as const) {
      t.is(await other.artifacts.find(model, id), undefined, `${model} of the revoked account`);
    }
    t.is(await store.artifacts.findByUid('Session', 'uid-ada'), undefined);
    for (const [model, id] of [
      ['Grant', 'grant-bob'],
      ['RefreshToken', 'rt-bob'],
      ['Session', 'session-bob'],
    ] as const) {
      t.truthy(await store.artifacts.find(model, id), `${model} of another account`);
    }
    await t.notThrowsAsync(store.artifacts.revokeByAccountId('nobody'));
  });

  test(`${name}: listByAccountId lists the live grants or sessions of one account only`, async (t) => {
    const { store, twin, passTime } = await open(t);
    const other = await twin();
    await store.artifacts.upsert('Grant', 'grant-1', token({ accountId: 'ada', kind: 'Grant', clientId: 'a' }), HOUR);
    await other.artifacts.upsert('Grant', 'grant-2', token({ accountId: 'ada', kind: 'Grant', clientId: 'b' }), HOUR);
    await store.artifacts.upsert('Grant', 'grant-3', token({ accountId: 'bob', kind: 'Grant' }), HOUR);
    await store.artifacts.upsert('Session', 'session-1', token({ accountId: 'ada', uid: 'uid-1' }), HOUR);
    await store.artifacts.upsert('Grant', 'grant-old', token({ accountId: 'ada', kind: 'Grant' }), 1);
    await passTime(EXPIRY_WAIT_MS); // past grant-old's one second
    const grants = await other.artifacts.listByAccountId('Grant', 'ada');
    t.deepEqual(
      grants.map(({ payload }) => payload.clientId).sort(),
      ['a', 'b'],
      'both instances, not bob, not expired',
    );
    const sessions = await store.artifacts.listByAccountId('Session', 'ada');
    t.is(sessions.length, 1);
    t.is(sessions[0]?.payload.uid, 'uid-1');
    t.deepEqual(await store.artifacts.listByAccountId('Grant', 'nobody'), []);
  });

  test(`${name}: destroyByUid removes the artifact carrying that uid, and nothing else`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    await store.artifacts.upsert('Session', 'session-1', token({ accountId: 'ada', uid: 'uid-1' }), HOUR);
    await store.artifacts.upsert('Session', 'session-2', token({ accountId: 'ada', uid: 'uid-2' }), HOUR);
    await other.artifacts.destroyByUid('Session', 'uid-1');
    t.is(await store.artifacts.find('Session', 'session-1'), undefined);
    t.is(await store.artifacts.findByUid('Session', 'uid-1'), undefined);
    t.truthy(await store.artifacts.find('Session', 'session-2'));
    t.is((await store.artifacts.listByAccountId('Session', 'ada')).length, 1);
    await t.notThrowsAsync(store.artifacts.destroyByUid('Session', 'uid-unknown'));
  });

  test(`${name}: a session written after an account revoke is kept, and the next revoke removes it`, async (t) => {
    const { store } = await open(t);
    await store.artifacts.upsert('Session', 'before', token({ accountId: 'ada' }), HOUR);
    await store.artifacts.revokeByAccountId('ada');
    await store.artifacts.upsert('Session', 'after', token({ accountId: 'ada' }), HOUR);
    t.is(await store.artifacts.find('Session', 'before'), undefined);
    t.truthy(await store.artifacts.find('Session', 'after'));
    await store.artifacts.destroy('Session', 'after');
    await store.artifacts.upsert('Session', 'again', token({ accountId: 'ada' }), HOUR);
    await store.artifacts.revokeByAccountId('ada');
    t.is(await store.artifacts.find('Session', 'again'), undefined);
  });

  test(`${name}: revokeByGrantId also removes an artifact written by another instance`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    await other.artifacts.upsert('RefreshToken', 'rt', token({ grantId: 'g' }), HOUR);
    await store.artifacts.upsert('AccessToken', 'at', token({ grantId: 'g' }), HOUR);
    await store.artifacts.revokeByGrantId('g');
    t.is(await other.artifacts.find('RefreshToken', 'rt'), undefined);
    t.is(await other.artifacts.find('AccessToken', 'at'), undefined);
  });

  test(`${name}: a grant's artifacts written after a revoke are kept, and the next revoke removes them`, async (t) => {
    // oidc-provider keeps the Grant when a client revokes an access token (revokeGrantPolicy), and a
    // new authorization in the same session then issues a code under the same grantId at once.
    const { store } = await open(t);
    await store.artifacts.upsert('AccessToken', 'before', token({ grantId: 'g' }), HOUR);
    await store.artifacts.revokeByGrantId('g');
    await store.artifacts.upsert('AuthorizationCode', 'after', token({ grantId: 'g' }), HOUR);
    t.is(await store.artifacts.find('AccessToken', 'before'), undefined);
    t.truthy(await store.artifacts.find('AuthorizationCode', 'after'));
    await store.artifacts.revokeByGrantId('g');
    t.is(await store.artifacts.find('AuthorizationCode', 'after'), undefined);
  });

  // Accounts

  test(`${name}: a created account is found by id and by email in any case`, async (t) => {
    const { store } = await open(t);
    const ada = account({ email: 'Ada@Example.com', name: undefined, emailVerified: true });
    await store.accounts.create(ada);
    t.deepEqual(await store.accounts.findById(ada.accountId), ada);
    t.deepEqual(await store.accounts.findByEmail('ada@example.COM'), ada);
    t.deepEqual(await store.accounts.findByEmail('  ADA@EXAMPLE.COM '), ada);
    t.is(await store.accounts.findByEmail('bob@example.com'), undefined);
    t.is(await store.accounts.findById('nobody'), undefined);
  });

  test(`${name}: an email taken in another case is refused with DuplicateError`, async (t) => {
    const { store } = await open(t);
    await store.accounts.create(account({ email: 'grace@example.com' }));
    const error = await t.throwsAsync(store.accounts.create(account({ email: 'GRACE@example.com' })), {
      instanceOf: DuplicateError,
    });
    t.is(error?.field, 'email');
    t.is((await store.accounts.list()).length, 1);
  });

  test(`${name}: of 8 concurrent creates with one email exactly one succeeds`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    const results = await Promise.allSettled(
      ['x@example.com', 'X@example.com', 'x@EXAMPLE.com', ' x@example.com'].flatMap((email) => [
        store.accounts.create(account({ email })),
        other.accounts.create(account({ email })),
      ]),
    );
    t.is(results.filter((result) => result.status === 'fulfilled').length, 1);
    for (const result of results) {
      if (result.status === 'rejected') t.true(result.reason instanceof DuplicateError);
    }
    t.is((await store.accounts.list()).length, 1);
  });

  test(`${name}: list returns every account in creation order`, async (t) => {
    const { store } = await open(t);
    const accounts = [
      account({ email: 'c@example.com', createdAt: 3000 }),
      account({ email: 'a@example.com', createdAt: 1000 }),
      account({ email: 'b@example.com', createdAt: 2000 }),
    ];
    for (const each of accounts) await store.accounts.create(each);
    t.deepEqual(
      (await store.accounts.list()).map((each) => each.email),
      ['a@example.com', 'b@example.com', 'c@example.com'],
    );
  });

  test(`${name}: update changes only the fields it names, of an existing account only`, async (t) => {
    const { store } = await open(t);
    const ada = account();
    await store.accounts.create(ada);
    t.true(await store.accounts.update(ada.accountId, { passwordHash: '$argon2id$new' }));
    t.deepEqual(await store.accounts.findById(ada.accountId), { ...ada, passwordHash: '$argon2id$new' });
    t.true(await store.accounts.update(ada.accountId, { disabled: true, revokedAt: 1_800_000_000 }));
    const changed = { ...ada, passwordHash: '$argon2id$new', disabled: true, revokedAt: 1_800_000_000 };
    t.deepEqual(await store.accounts.findById(ada.accountId), changed);
    t.deepEqual(await store.accounts.findByEmail(ada.email), changed);
    t.true(await store.accounts.update(ada.accountId, { disabled: false }));
    t.false((await store.accounts.findById(ada.accountId))?.disabled);
    t.true(await store.accounts.update(ada.accountId, { emailVerified: true }));
    const factors = {
      totp: { secret: 'JBSWY3DPEHPK3PXP', enrolledAt: 1_800_000_000_000 },
      recoveryCodes: ['a1', 'b2'],
    };
    t.true(await store.accounts.update(ada.accountId, { factors }));
    t.deepEqual((await store.accounts.findByEmail(ada.email))?.factors, factors);
    t.true(await store.accounts.update(ada.accountId, { factors: undefined }));
    t.is((await store.accounts.findById(ada.accountId))?.factors, undefined, 'factors removed');
    const claims = { roles: ['admin'], groups: ['staff', 'ops'], attributes: { department: 'R&D' } };
    t.true(await store.accounts.update(ada.accountId, { claims }));
    t.deepEqual((await store.accounts.findByEmail(ada.email))?.claims, claims);
    t.deepEqual((await store.accounts.list()).find((each) => each.accountId === ada.accountId)?.claims, claims);
    t.true(await store.accounts.update(ada.accountId, { claims: undefined }));
    t.is((await store.accounts.findById(ada.accountId))?.claims, undefined, 'claims removed');
    t.like(await store.accounts.findById(ada.accountId), { emailVerified: true, passwordHash: '$argon2id$new' });
    t.false(await store.accounts.update('nobody', { passwordHash: '$argon2id$new' }));
    t.is(await store.accounts.findById('nobody'), undefined, 'no account appears');
  });

  test(`${name}: remove answers true once and frees the email for a new account`, async (t) => {
    const { store } = await open(t);
    const ada = account({ email: 'ada@example.com' });
    await store.accounts.create(ada);
    t.true(await store.accounts.remove(ada.accountId));
    t.false(await store.accounts.remove(ada.accountId));
    t.is(await store.accounts.findById(ada.accountId), undefined);
    t.is(await store.accounts.findByEmail('ada@example.com'), undefined);
    await t.notThrowsAsync(store.accounts.create(account({ email: 'ADA@example.com' })));
  });

  // Limits

  const rule = { limit: 3, windowMs: 60_000, locksMs: [1000, 2000, 4000] };
  const T = 1_800_000_000_000; // a fixed "now": the store decides by the clock it is given

  test(`${name}: an attempt locks its key from the limit-th on, with each lock twice as long`, async (t) => {
    const { store } = await open(t);
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push(await store.limits.attempt('k', rule, T));
    const counted = (attempts: number, lockedUntil = 0) => ({ allowed: true, attempts, lockedUntil });
    t.deepEqual(outcomes, [counted(1), counted(2), counted(3, T + 1000)]);
    t.deepEqual(await store.limits.attempt('k', rule, T + 999), { allowed: false, retryAfterMs: 1 }, 'locked 1 s');
    t.deepEqual(await store.limits.peek('k', T + 500), { attempts: 3, lockedUntil: T + 1000 }, 'refusals do not count');
    t.deepEqual(await store.limits.attempt('k', rule, T + 1000), counted(4, T + 3000));
    t.deepEqual(await store.limits.attempt('k', rule, T + 2999), { allowed: false, retryAfterMs: 1 }, 'then 2 s');
    t.deepEqual(await store.limits.attempt('k', rule, T + 3000), counted(5, T + 7000));
    t.deepEqual(await store.limits.attempt('k', rule, T + 3000), { allowed: false, retryAfterMs: 4000 }, 'then 4 s');
    t.deepEqual(await store.limits.attempt('k', rule, T + 7000), counted(6, T + 11_000));
    t.deepEqual(await store.limits.attempt('k', rule, T + 7000), { allowed: false, retryAfterMs: 4000 }, 'capped');
    t.deepEqual(await store.limits.attempt('other', rule, T + 7000), counted(1), 'per key');
  });

  test(`${name}: an attempt count is forgotten a window after the last attempt or lock, and on reset`, async (t) => {
    const { store } = await open(t);
    await store.limits.attempt('k', rule, T);
    await store.limits.attempt('k', rule, T + 50_000);
    t.deepEqual(
      await store.limits.attempt('k', rule, T + 100_000),
      { allowed: true, attempts: 3, lockedUntil: T + 101_000 },
      'sliding',
    );
    // Locked until T + 101 000; the record lives a window past that.
    t.deepEqual(await store.limits.peek('k', T + 160_999), { attempts: 3, lockedUntil: 0 });
    t.deepEqual(await store.limits.peek('k', T + 161_000), { attempts: 0, lockedUntil: 0 });
    t.deepEqual(await store.limits.attempt('k', rule, T + 161_000), { allowed: true, attempts: 1, lockedUntil: 0 });
    await store.limits.reset('k');
    t.deepEqual(await store.limits.peek('k', T + 161_000), { attempts: 0, lockedUntil: 0 });
  });

  test(`${name}: a count runs in a fixed window that starts with its first count, and gives back`, async (t) => {
    const { store } = await open(t);
    t.deepEqual(await store.limits.count('ip', 60_000, T), { count: 1, resetAt: T + 60_000 });
    t.deepEqual(await store.limits.count('ip', 60_000, T + 59_000), { count: 2, resetAt: T + 60_000 });
    t.deepEqual(await store.limits.count('ip', 60_000, T + 59_000, -1), { count: 1, resetAt: T + 60_000 });
    t.deepEqual(await store.limits.count('ip', 60_000, T + 60_000), { count: 1, resetAt: T + 120_000 });
    t.deepEqual(await store.limits.count('fresh', 60_000, T, -1), { count: 0, resetAt: T }, 'no window from nothing');
    t.deepEqual(await store.limits.count('fresh', 60_000, T), { count: 1, resetAt: T + 60_000 });
    t.deepEqual(await store.limits.count('fresh', 60_000, T, -5), { count: 0, resetAt: T + 60_000 });
  });

  test(`${name}: of 16 concurrent attempts on one key from two instances, exactly the limit get through`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).limits.attempt('race', rule, T)),
    );
    t.is(outcomes.filter((outcome) => outcome.allowed).length, rule.limit);
    const counts = await Promise.all(Array.from({ length: 10 }, () => other.limits.count('n', 60_000, T)));
    t.deepEqual(
      counts.map((each) => each.count).sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
  });

  // Clients and resources

  test(`${name}: clients can be put, read, listed in id order, replaced and removed`, async (t) => {
    const { store } = await open(t);
    const web = { client_id: 'web', redirect_uris: ['https://app.example/cb'], grant_types: ['authorization_code'] };
    const cli = { client_id: 'cli', redirect_uris: [], token_endpoint_auth_method: 'none' };
    await store.clients.put(web);
    await store.clients.put(cli);
    t.deepEqual(await store.clients.get('web'), web);
    t.deepEqual(await store.clients.list(), [cli, web]);
    await store.clients.put({ ...web, client_name: 'Web' });
    t.is((await store.clients.get('web'))?.client_name, 'Web');
    t.true(await store.clients.remove('web'));
    t.false(await store.clients.remove('web'));
    t.is(await store.clients.get('web'), undefined);
    t.deepEqual(await store.clients.list(), [cli]);
  });

  test(`${name}: resources can be put, read, listed in id order, replaced and removed`, async (t) => {
    const { store } = await open(t);
    const api: Resource = { id: 'https://api.example', scope: 'read write', accessTokenTtl: 600, createdAt: 1 };
    const billing: Resource = {
      id: 'https://billing.example',
      scope: 'invoices',
      accessTokenTtl: undefined,
      createdAt: 2,
    };
    await store.resources.put(billing);
    await store.resources.put(api);
    t.deepEqual(await store.resources.get('https://billing.example'), billing);
    t.deepEqual(await store.resources.list(), [api, billing]);
    await store.resources.put({ ...api, scope: 'read' });
    t.is((await store.resources.get(api.id))?.scope, 'read');
    t.true(await store.resources.remove(api.id));
    t.false(await store.resources.remove(api.id));
    t.is(await store.resources.get(api.id), undefined);
  });

  // Settings and health

  test(`${name}: settings initialize keeps the first value and put replaces it`, async (t) => {
    const { store } = await open(t);
    t.is(await store.settings.get('cookie-keys'), undefined);
    t.deepEqual(await store.settings.initialize('cookie-keys', ['first']), ['first']);
    t.deepEqual(await store.settings.initialize('cookie-keys', ['second']), ['first']);
    t.deepEqual(await store.settings.get('cookie-keys'), ['first']);
    await store.settings.put('cookie-keys', { rotated: true });
    t.deepEqual(await store.settings.get('cookie-keys'), { rotated: true });
  });

  test(`${name}: of 8 concurrent first initializations all return the one stored value`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    const values = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).settings.initialize('signing-keys', { i })),
    );
    const stored = await store.settings.get('signing-keys');
    t.truthy(stored);
    for (const value of values) t.deepEqual(value, stored);
  });

  test(`${name}: a settings swap succeeds only from the revision it read`, async (t) => {
    const { store } = await open(t);
    t.is(await store.settings.read('signing-keys'), undefined);
    t.false(await store.settings.swap('signing-keys', 'no-revision', { v: 1 }), 'nothing to swap');
    await store.settings.put('signing-keys', { v: 1 });
    const first = await store.settings.read<{ v: number }>('signing-keys');
    t.deepEqual(first?.value, { v: 1 });
    t.true(await store.settings.swap('signing-keys', first?.revision ?? '', { v: 2 }));
    t.false(await store.settings.swap('signing-keys', first?.revision ?? '', { v: 3 }), 'a stale revision loses');
    t.deepEqual(await store.settings.get('signing-keys'), { v: 2 });
  });

  test(`${name}: of 8 concurrent swaps from one revision exactly one wins`, async (t) => {
    const { store, twin } = await open(t);
    const other = await twin();
    await store.settings.put('signing-keys', { v: 0 });
    const read = await store.settings.read('signing-keys');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? other : store).settings.swap('signing-keys', read?.revision ?? '', { v: i + 1 }),
      ),
    );
    t.is(results.filter(Boolean).length, 1);
  });

  test(`${name}: ping resolves while the backend is up`, async (t) => {
    const { store } = await open(t);
    await t.notThrowsAsync(store.ping());
  });
}
