// The Sealer on its own: AES-256-GCM envelopes that name the master secret that sealed them.
import test from 'ava';
import { createSealer } from '../../src/secrets/createSealer.js';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';
import { SealError } from '../../src/secrets/SealError.js';

const [OLD, NEW, OTHER] = [generateMasterSecret(), generateMasterSecret(), generateMasterSecret()];
const CONTEXT = 'setting:signing-keys';

test('a sealed value is an ostiary:sealed:v1 envelope that opens to the same text', (t) => {
  const sealer = createSealer([NEW]);
  const envelope = sealer.seal('{"d":"private"}', CONTEXT);
  t.regex(envelope, /^ostiary:sealed:v1:[\w-]{8}:[\w-]{16}:[\w-]+$/);
  t.true(envelope.startsWith(`ostiary:sealed:v1:${sealer.keyId}:`));
  t.false(envelope.includes('private'));
  t.is(sealer.unseal(envelope, CONTEXT), '{"d":"private"}');
  t.not(sealer.seal('same', CONTEXT), sealer.seal('same', CONTEXT), 'a fresh IV every time');
});

test('the first secret seals and every secret opens', (t) => {
  const before = createSealer([OLD]);
  const after = createSealer([NEW, OLD]);
  const sealedBefore = before.seal('cookie secret', CONTEXT);
  t.is(after.unseal(sealedBefore, CONTEXT), 'cookie secret');
  const sealedAfter = after.seal('cookie secret', CONTEXT);
  t.is(after.keyId, createSealer([NEW]).keyId);
  t.is(createSealer([NEW]).unseal(sealedAfter, CONTEXT), 'cookie secret');
});

test('a value sealed under a secret not in the list is a SealError naming OSTIARY_SECRET', (t) => {
  const envelope = createSealer([OLD]).seal('secret', CONTEXT);
  const error = t.throws(() => createSealer([NEW, OTHER]).unseal(envelope, CONTEXT), { instanceOf: SealError });
  t.is(error?.code, 'unknown_secret');
  t.is(error?.keyId, createSealer([OLD]).keyId);
  t.regex(error?.message ?? '', /none of the OSTIARY_SECRET values opens/);
});

test('a changed ciphertext, key id or context fails authentication', (t) => {
  const sealer = createSealer([NEW, OLD]);
  const envelope = sealer.seal('the client secret', 'client_secret:a');
  const parts = envelope.split(':');
  const body = Buffer.from(parts[5] as string, 'base64url');
  body[0] = (body[0] as number) ^ 1;
  const flipped = [...parts.slice(0, 5), body.toString('base64url')].join(':');
  t.is(t.throws(() => sealer.unseal(flipped, 'client_secret:a'), { instanceOf: SealError })?.code, 'tampered');
  t.is(t.throws(() => sealer.unseal(envelope, 'client_secret:b'), { instanceOf: SealError })?.code, 'tampered');
  // The same IV and ciphertext relabelled as sealed by the other secret: the header is authenticated too.
  const relabelled = [...parts.slice(0, 3), createSealer([OLD]).keyId, ...parts.slice(4)].join(':');
  t.is(t.throws(() => sealer.unseal(relabelled, 'client_secret:a'), { instanceOf: SealError })?.code, 'tampered');
});

test('a value that is not an envelope passes through: data from before sealing stays readable', (t) => {
  const sealer = createSealer([NEW]);
  t.is(sealer.unseal('plain-client-secret', CONTEXT), 'plain-client-secret');
  t.false(sealer.isSealed('plain-client-secret'));
  t.false(sealer.isSealed({ keys: [] }));
});

test('a broken envelope or an unknown version is a malformed SealError', (t) => {
  const sealer = createSealer([NEW]);
  for (const bad of [
    'ostiary:sealed:v1:abc',
    'ostiary:sealed:v2:a:b:c',
    'ostiary:sealed:v1:a:b:c:d',
    'ostiary:sealed:v1:a:!!:c',
  ]) {
    t.is(t.throws(() => sealer.unseal(bad, CONTEXT), { instanceOf: SealError })?.code, 'malformed', bad);
  }
});
