// `npm run test:fast`: the tests that need neither Redis nor Chromium, in under a minute (npm test
// runs every test). Files about Redis or pages are left out here, and those that take long by
// nature (real time, a build, server processes); a file that tests both store backends takes its list from test/helpers/fastRun.ts, which
// also makes starting Redis or Chromium fail in this run.
import { readFileSync } from 'node:fs';

const { ava } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default {
  ...ava,
  files: [
    ...ava.files,
    '!test/redis/**',
    '!test/browser/**',
    '!test/store/redis.test.ts',
    '!test/store/cluster.test.ts',
    '!test/keys/instances.test.ts',
    // Waits out jose's real 30-second JWKS cooldown, a clock no test can move.
    '!test/keys/resourceServerCache.test.ts',
    // Builds the whole project (tsc) to run npm start as a newcomer would.
    '!test/config/npmStart.test.ts',
    // Start real server processes (two workers and their primary, a refused start, restarts with
    // other secrets): seconds of process start-up each.
    '!test/metrics/metricsEndpoint.test.ts',
    '!test/config/startup.test.ts',
    '!test/secrets/secretRotation.test.ts',
    '!test/secrets/developmentSecret.test.ts',
  ],
  environmentVariables: { OSTIARY_TEST_FAST: '1' },
};
