import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig, SETTING_NAMES } from '../../src/config/loadConfig.js';
import { parseDuration } from '../../src/config/parseDuration.js';
import { readConfigFile } from '../../src/config/readConfigFile.js';
import { SETTING_DOCS } from '../../src/config/settingDocs.js';

test('with no settings at all Ostiary runs on port 3000 with the documented lifetimes', (t) => {
  const config = loadConfig({});
  t.is(config.port, 3000);
  t.is(config.issuer.origin, 'http://localhost:3000');
  t.false(config.production);
  t.like(config.ttl, {
    accessToken: 15 * 60,
    authorizationCode: 60,
    idToken: 60 * 60,
    refreshTokenIdle: 5 * 24 * 60 * 60,
    refreshTokenMax: 30 * 24 * 60 * 60,
  });
  t.true(Object.isFrozen(config));
});

test('the issuer follows PORT unless ISSUER is given', (t) => {
  t.is(loadConfig({ PORT: '8080' }).issuer.origin, 'http://localhost:8080');
  t.is(loadConfig({ ISSUER: 'https://id.example.com' }).issuer.origin, 'https://id.example.com');
});

test('durations take plain seconds or a unit suffix', (t) => {
  t.is(parseDuration('900'), 900);
  t.is(parseDuration('30s'), 30);
  t.is(parseDuration('15m'), 900);
  t.is(parseDuration('2h'), 7200);
  t.is(parseDuration('90d'), 90 * 86400);
  for (const bad of ['', '0', '-5', '1.5h', '5 years', '15M']) t.is(parseDuration(bad), undefined, bad);
  t.is(loadConfig({ ACCESS_TOKEN_TTL: '5m' }).ttl.accessToken, 300);
});

const fails = (t: import('ava').ExecutionContext, env: Record<string, string>, variable: string, pattern: RegExp) => {
  const error = t.throws(() => loadConfig(env), { instanceOf: ConfigError });
  t.is(error?.variable, variable);
  t.regex(error?.message ?? '', pattern);
  t.true(error?.message.startsWith(`${variable}:`));
};

test('a bad value stops startup with a message naming the variable and the expected form', (t) => {
  fails(t, { PORT: 'eighty' }, 'PORT', /TCP port/);
  fails(t, { PORT: '70000' }, 'PORT', /TCP port/);
  fails(t, { ACCESS_TOKEN_TTL: 'soon' }, 'ACCESS_TOKEN_TTL', /duration/);
  fails(t, { ISSUER: 'not a url' }, 'ISSUER', /absolute/);
  fails(t, { ISSUER: 'https://id.example.com/ten%20ant' }, 'ISSUER', /plain segments/);
  fails(t, { REDIS_URL: 'localhost:6379' }, 'REDIS_URL', /redis:\/\//);
  fails(t, { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/);
  fails(t, { LOGOUT_KEEPS_OFFLINE_ACCESS: 'maybe' }, 'LOGOUT_KEEPS_OFFLINE_ACCESS', /true or false/);
  fails(t, { REFRESH_TOKEN_IDLE_TTL: '40d' }, 'REFRESH_TOKEN_IDLE_TTL', /REFRESH_TOKEN_MAX_TTL/);
});

test('production refuses a plain-http issuer that is not loopback and wants TRUST_PROXY said out loud', (t) => {
  fails(t, { NODE_ENV: 'production', TRUST_PROXY: 'false', ISSUER: 'http://id.example.com' }, 'ISSUER', /https/);
  fails(t, { NODE_ENV: 'production', ISSUER: 'https://id.example.com' }, 'TRUST_PROXY', /must be set/);
  const OSTIARY_SECRET = 'a'.repeat(43);
  t.notThrows(() =>
    loadConfig({ NODE_ENV: 'production', TRUST_PROXY: 'true', ISSUER: 'https://id.example.com', OSTIARY_SECRET }),
  );
  t.notThrows(() =>
    loadConfig({ NODE_ENV: 'production', TRUST_PROXY: 'false', ISSUER: 'http://localhost:3000', OSTIARY_SECRET }),
  );
});

test('the environment wins over the configuration file', (t) => {
  const config = loadConfig({ PORT: '4000' }, { PORT: '5000', ACCESS_TOKEN_TTL: '10m' });
  t.is(config.port, 4000);
  t.is(config.ttl.accessToken, 600);
});

test('every problem is reported at once, each naming its variable', (t) => {
  const error = t.throws(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', ACCESS_TOKEN_TTL: 'soon' }), {
    instanceOf: ConfigError,
  });
  t.deepEqual(error?.problems.map((problem) => problem.variable).sort(), ['ACCESS_TOKEN_TTL', 'LOG_LEVEL', 'PORT']);
  const related = t.throws(
    () => loadConfig({ REFRESH_TOKEN_IDLE_TTL: '40d', SESSION_IDLE_TTL: '20d', ISSUER: 'https://id.example.com/x?y' }),
    { instanceOf: ConfigError },
  );
  t.deepEqual(related?.problems.map((problem) => problem.variable).sort(), [
    'ISSUER',
    'REFRESH_TOKEN_IDLE_TTL',
    'SESSION_IDLE_TTL',
  ]);
});

test('a name in the configuration file that is no setting is refused, with the closest one suggested', (t) => {
  const error = t.throws(() => loadConfig({}, { ACCES_TOKEN_TTL: '5m', COMPLETELY_UNRELATED: 'x' }), {
    instanceOf: ConfigError,
  });
  t.deepEqual(error?.problems, [
    {
      variable: 'ACCES_TOKEN_TTL',
      expected: 'not a setting; did you mean ACCESS_TOKEN_TTL? (in the configuration file)',
    },
    { variable: 'COMPLETELY_UNRELATED', expected: 'not a setting (in the configuration file)' },
  ]);
  t.notThrows(() => loadConfig({ SOMETHING_ELSE_ENTIRELY: 'x' }), 'the environment holds much else and is not checked');
});

test('a JSON syntax error in the configuration file says at which line and column', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ostiary-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'ostiary.json');
  writeFileSync(file, '{\n  "PORT": "3000",\n  "LOG_LEVEL" "info"\n}\n');
  const error = t.throws(() => readConfigFile(file), { instanceOf: ConfigError });
  t.regex(error?.message ?? '', /^OSTIARY_CONFIG: valid JSON in .*ostiary\.json: .* at line 3, column 15$/);
});

test('every default the configuration reference states is the one Ostiary uses', (t) => {
  const unset = JSON.stringify(loadConfig({}));
  for (const [name, doc] of Object.entries(SETTING_DOCS)) {
    if (doc.default === undefined || name === 'OSTIARY_CONFIG') continue;
    t.is(JSON.stringify(loadConfig({ [name]: doc.default })), unset, `${name}=${doc.default}`);
  }
  t.deepEqual(
    Object.keys(SETTING_DOCS)
      .filter((name) => name !== 'OSTIARY_CONFIG')
      .sort(),
    [...SETTING_NAMES].sort(),
  );
});
