// A temporary folder that is removed when this test process exits, however the test ended: for
// data folders a test may still need after stopping its server (a restart on the same folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ostiary-${prefix}-`));
  made.add(dir);
  return dir;
}
