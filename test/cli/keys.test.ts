// `ostiary keys list` run as a real process: it shows kid, alg, state and creation time of each
// signing key and never a private JWK member.
import test from 'ava';
import { SIGNING_KEYS_SETTING, type SigningKeySet } from '../../src/keys/SigningKeyRecord.js';
import { emptyDataDir, runCli } from '../helpers/runCli.js';
import { withStore } from './withStore.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

test('keys list shows kid, alg, state and createdAt but no private key member', async (t) => {
  const env = { DATA_DIR: await emptyDataDir(t) };
  const createdAt = Date.UTC(2025, 0, 2, 3, 4, 5);
  const jwk = { kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', n: 'N-PUBLIC', e: 'AQAB' };
  const secrets = Object.fromEntries(PRIVATE_MEMBERS.map((name) => [name, `SECRET-${name.toUpperCase()}-VALUE`]));
  const keys: SigningKeySet = {
    keys: [{ kid: 'k1', alg: 'RS256', state: 'current', createdAt, jwk: { ...jwk, ...secrets } }],
  };
  await withStore(env.DATA_DIR, (store) => store.settings.put(SIGNING_KEYS_SETTING, keys));

  const [text, json] = await Promise.all([
    runCli(['keys', 'list'], { env }),
    runCli(['keys', 'list', '--json'], { env }),
  ]);
  t.is(text.code, 0, text.stderr);
  t.regex(text.stdout, /k1\s+RS256\s+current\s+2025-01-02T03:04:05\.000Z/);
  t.deepEqual(JSON.parse(json.stdout), {
    keys: [{ kid: 'k1', alg: 'RS256', state: 'current', createdAt: '2025-01-02T03:04:05.000Z' }],
  });
  for (const output of [text.stdout, json.stdout]) t.notRegex(output, /SECRET-/);
});
