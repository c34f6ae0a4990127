import test from 'ava';
import { concurrentHashes, HashingBusyError, hashingGate } from '../../src/accounts/hashingGate.js';

test('no more than the limit of hashes run at once, and every waiting one runs in turn', async (t) => {
  const gate = hashingGate(2);
  let running = 0;
  let peak = 0;
  const work = async (value: number) => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 10));
    running -= 1;
    return value;
  };
  const results = await Promise.all(Array.from({ length: 7 }, (_, i) => gate(() => work(i))));
  t.deepEqual(results, [0, 1, 2, 3, 4, 5, 6]);
  t.is(peak, 2);
});

test('a failing hash frees its place', async (t) => {
  const gate = hashingGate(1);
  await t.throwsAsync(gate(() => Promise.reject(new Error('boom'))));
  t.is(await gate(async () => 'next'), 'next');
});

test('when the queue is full a hash is refused at once, and accepted again once it drains', async (t) => {
  const gate = hashingGate(1, 2);
  let release = () => {};
  const blocked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const admitted = [gate(() => blocked), gate(async () => 'second'), gate(async () => 'third')];
  t.true(gate.full());
  await t.throwsAsync(
    gate(async () => 'fourth'),
    { instanceOf: HashingBusyError },
  );
  release();
  await Promise.all(admitted);
  t.false(gate.full());
  t.is(await gate(async () => 'again'), 'again');
});

test('one address holds at most its share of the places, so others still get in', async (t) => {
  const gate = hashingGate(1, 8, 2);
  let release = () => {};
  const blocked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const first = [gate(() => blocked, 'flooder'), gate(async () => 'queued', 'flooder')];
  t.true(gate.full('flooder'));
  await t.throwsAsync(
    gate(async () => 'third', 'flooder'),
    { instanceOf: HashingBusyError },
  );
  t.false(gate.full('someone else'));
  const other = gate(async () => 'in', 'someone else');
  release();
  await Promise.all(first);
  t.is(await other, 'in');
  t.false(gate.full('flooder'), 'places are given back');
});

test('hashes leave a core to the event loop and a pool thread to signatures, and one always runs', (t) => {
  t.is(concurrentHashes(2), 1);
  t.is(concurrentHashes(4), 3);
  t.is(concurrentHashes(16), 3, 'libuv has 4 threads: one stays free for signing');
  t.is(concurrentHashes(16, 8), 7);
  t.is(concurrentHashes(1), 1);
});
