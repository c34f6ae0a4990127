import test from 'ava';
import { SIGNING_KEY } from '../../src/keys/keyKinds.js';
import { advance, dueForRotation, promote, signingOrder } from '../../src/keys/keyLifecycle.js';
import type { SigningKeyRecord } from '../../src/keys/SigningKeyRecord.js';

const key = (kid: string, alg: SigningKeyRecord['alg'], state: SigningKeyRecord['state'], extra = {}) =>
  ({ kid, alg, state, createdAt: 1000, jwk: {}, ...extra }) as SigningKeyRecord;
const states = (keys: SigningKeyRecord[]) => Object.fromEntries(keys.map((k) => [k.kid, k.state]));

test('a next key becomes current when its propagation delay has passed, and not before', (t) => {
  const keys = [
    key('old', 'ES256', 'current'),
    key('new', 'ES256', 'next', { activatesAt: 5000 }),
    key('rs', 'RS256', 'current'),
  ];
  t.deepEqual(states(advance(keys, SIGNING_KEY, 4999, 60_000)), { old: 'current', new: 'next', rs: 'current' });
  const after = advance(keys, SIGNING_KEY, 5000, 60_000);
  t.deepEqual(states(after), { old: 'retired', new: 'current', rs: 'current' }, 'only the same algorithm retires');
  t.is(after.find((k) => k.kid === 'old')?.removeAt, 65_000);
});

test('a retired key disappears once every token it signed has expired', (t) => {
  const keys = [key('cur', 'ES256', 'current'), key('old', 'ES256', 'retired', { removeAt: 9000 })];
  t.is(advance(keys, SIGNING_KEY, 8999, 0).length, 2);
  t.deepEqual(
    advance(keys, SIGNING_KEY, 9000, 0).map((k) => k.kid),
    ['cur'],
  );
});

test('promote makes a key current at once and retires the one it replaces', (t) => {
  const keys = [key('old', 'EdDSA', 'current'), key('new', 'EdDSA', 'next', { activatesAt: 99_999 })];
  const promoted = promote(keys, 'new', SIGNING_KEY, 2000, 1000);
  t.deepEqual(states(promoted), { old: 'retired', new: 'current' });
  t.is(promoted.find((k) => k.kid === 'new')?.activatesAt, undefined);
});

test('a scheduled rotation is due for an algorithm whose current key is old enough and has no next key yet', (t) => {
  const keys = [key('es', 'ES256', 'current'), key('rs', 'RS256', 'current'), key('rs2', 'RS256', 'next')];
  t.deepEqual(dueForRotation(keys, SIGNING_KEY, 1000 + 5000, 5000), ['ES256']);
  t.deepEqual(dueForRotation(keys, SIGNING_KEY, 1000 + 4999, 5000), []);
});

test('current keys come first so oidc-provider signs with them', (t) => {
  const keys = [key('n', 'ES256', 'next'), key('r', 'ES256', 'retired'), key('c', 'ES256', 'current')];
  t.deepEqual(
    signingOrder(keys).map((k) => k.kid),
    ['c', 'n', 'r'],
  );
});
