// How `ostiary` treats its command line as a whole: --help needs no configuration, usage mistakes
// and configuration errors exit 2 with one readable line, never a stack trace.
import test from 'ava';
import { emptyDataDir, runCli, tempDataDir } from '../helpers/runCli.js';

const STACK = /\n\s+at /;

test('--help on a subcommand prints its usage and exits 0 even with a broken configuration', async (t) => {
  const run = await runCli(['client', 'add', '--help'], {
    env: { DATA_DIR: await emptyDataDir(t), PORT: 'not-a-port' },
  });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /Usage: ostiary client add \[options\]/);
  t.regex(run.stdout, /--redirect-uri <uri>/);
  t.regex(run.stdout, /--json/);
});

test('an unknown command exits 2 with commander’s message', async (t) => {
  const run = await runCli(['frobnicate'], { env: { DATA_DIR: await emptyDataDir(t) } });
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown command 'frobnicate'/);
});

test('a missing required option exits 2 naming it', async (t) => {
  const run = await runCli(['resource', 'add', '--id', 'https://api.example.com'], {
    env: { DATA_DIR: await emptyDataDir(t) },
  });
  t.is(run.code, 2);
  t.regex(run.stderr, /required option '--scope <scope>' not specified/);
});

test('an unknown option exits 2 naming it', async (t) => {
  const run = await runCli(['user', 'list', '--everything'], { env: { DATA_DIR: await emptyDataDir(t) } });
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown option '--everything'/);
});

test('a configuration error exits 2 with "configuration error:" and the variable, without a stack trace', async (t) => {
  const run = await runCli(['user', 'list'], { env: { DATA_DIR: await tempDataDir(t), PORT: 'not-a-port' } });
  t.is(run.code, 2);
  t.regex(run.stderr, /^configuration error: PORT: /);
  t.notRegex(run.stderr, STACK);
});
