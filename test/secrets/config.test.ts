// OSTIARY_SECRET in the configuration: a comma-separated list, required in production, and never
// echoed in an error message.
import test from 'ava';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { generateMasterSecret } from '../../src/secrets/masterSecret.js';

const PRODUCTION = { NODE_ENV: 'production', TRUST_PROXY: 'true', ISSUER: 'https://id.example.com' };

test('production refuses to start without OSTIARY_SECRET and names it', (t) => {
  const error = t.throws(() => loadConfig(PRODUCTION), { instanceOf: ConfigError });
  t.is(error?.variable, 'OSTIARY_SECRET');
  t.regex(error?.message ?? '', /^OSTIARY_SECRET: required when NODE_ENV=production/);
  t.throws(() => loadConfig({ ...PRODUCTION, OSTIARY_SECRET: '' }), { instanceOf: ConfigError });
});

test('OSTIARY_SECRET is a comma-separated list, first one first', (t) => {
  const [a, b] = [generateMasterSecret(), generateMasterSecret()];
  t.deepEqual(loadConfig({ ...PRODUCTION, OSTIARY_SECRET: `${a}, ${b}` }).secrets, [a, b]);
  t.deepEqual(loadConfig({ OSTIARY_SECRET: a }).secrets, [a]);
  t.is(loadConfig({}).secrets, undefined, 'development may leave it unset');
  // base64 (with + / =) and hex of 32 bytes are accepted as they are
  const base64 = Buffer.alloc(32, 0xfb).toString('base64');
  const hex = Buffer.alloc(32, 7).toString('hex');
  t.deepEqual(loadConfig({ OSTIARY_SECRET: `${base64},${hex}` }).secrets, [base64, hex]);
});

test('a short or odd secret is refused with its position, never its value', (t) => {
  const good = generateMasterSecret();
  for (const [value, pattern] of [
    ['too-short-a-secret', /secret 1 is 18 characters long/],
    [`${good},short`, /secret 2 is 5 characters long/],
    [`${good},`, /secret 2 is 0 characters long/],
    [`${good.slice(0, 40)}  spaces inside it`, /secret 1 has characters outside/],
  ] as const) {
    const error = t.throws(() => loadConfig({ OSTIARY_SECRET: value }), { instanceOf: ConfigError });
    t.is(error?.variable, 'OSTIARY_SECRET');
    t.regex(error?.message ?? '', pattern);
    t.regex(error?.message ?? '', /at least 43 characters/);
    t.false(error?.message.includes(value.split(',').at(-1) || '\u0000'), 'the secret is not echoed');
    t.false(error?.message.includes(good), 'the good secret is not echoed');
  }
});
