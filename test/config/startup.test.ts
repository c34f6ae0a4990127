import test from 'ava';
import { runServerProcess } from '../helpers/runServerProcess.js';
import { tempDir } from '../helpers/tempDir.js';

const start = (env: Record<string, string>) => runServerProcess({ DATA_DIR: tempDir('start'), ...env });

test('the server refuses to start on a bad setting and says which variable to fix', async (t) => {
  const { code, stderr } = await start({ ACCESS_TOKEN_TTL: 'forever' });
  t.is(code, 1);
  t.regex(stderr, /configuration error: ACCESS_TOKEN_TTL: a duration/);
  t.false(stderr.includes('    at '), 'no stack trace');
});

test('in production the server refuses an http issuer', async (t) => {
  const { code, stderr } = await start({
    NODE_ENV: 'production',
    TRUST_PROXY: 'true',
    ISSUER: 'http://id.example.com',
  });
  t.is(code, 1);
  t.regex(stderr, /configuration error: ISSUER: an https:\/\/ URL/);
});

test('the server names every bad setting at once, one line each', async (t) => {
  const { code, stderr } = await start({ PORT: 'eighty', LOG_LEVEL: 'loud' });
  t.is(code, 1);
  t.regex(stderr, /^configuration error: PORT: a TCP port/m);
  t.regex(stderr, /^configuration error: LOG_LEVEL: one of/m);
});
