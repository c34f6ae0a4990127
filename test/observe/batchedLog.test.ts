// The log is written to stdout in batches, asynchronously (createLogger): a process that exits
// without a word (process.exit, as a crash handler would) still writes every line first, and a
// quiet one writes its lines within moments, without waiting for a batch to fill.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const LOGGER = fileURLToPath(new URL('../../src/observe/createLogger.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** Runs `script` (with `createLogger` in scope) in a child and returns its stdout lines, parsed. */
function run(script: string): Promise<{ lines: Record<string, unknown>[]; code: number | null }> {
  const program = `import { createLogger } from ${JSON.stringify(LOGGER)};\n${script}`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', program]);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('exit', (code) => {
      const lines = out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ lines, code });
    });
  });
}

test('every line is written before a process.exit, however many wait in the batch', async (t) => {
  const { lines, code } = await run(`
    const logger = createLogger('info');
    for (let i = 0; i < 5000; i += 1) logger.info({ i }, 'line');
    process.exit(3);
  `);
  t.is(code, 3);
  t.is(lines.length, 5000);
  t.deepEqual(
    lines.map((line) => line.i),
    Array.from({ length: 5000 }, (_, i) => i),
    'all of them, in order',
  );
});

test('a single line is written soon, without a batch to fill or an exit', async (t) => {
  const { lines } = await run(`
    const logger = createLogger('info');
    logger.info('alone');
    // Stay alive a while without logging more; exit with no flush of our own.
    setTimeout(() => { process.stdout.write(JSON.stringify({ msg: 'marker' }) + '\\n'); process.exit(0); }, 1000);
  `);
  t.deepEqual(
    lines.map((line) => line.msg),
    ['alone', 'marker'],
    'the line came out before the marker written a second later',
  );
});
