// An earlier revision of Ostiary, built to run beside this checkout (--against REF): its files
// from `git archive` in a scratch directory, this checkout's node_modules linked in, compiled with
// tsc. Nothing in the repository changes. Its own `ostiary` command fills its store, so each side
// runs on a store it wrote.
import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchDir } from './processes.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILD_WITHIN_MS = 180_000;

export interface Revision {
  readonly root: string;
  /** 'ostiary@<short hash>' */
  readonly label: string;
  remove(): void;
}

export async function prepareRevision(ref: string): Promise<Revision> {
  const { stdout } = await run('git', ['-C', ROOT, 'rev-parse', '--short', `${ref}^{commit}`]).catch(() => {
    throw new Error(`--against: ${ref} is not a commit of this repository`);
  });
  const hash = stdout.trim();
  const { dir, remove } = scratchDir(mkdtempSync(join(tmpdir(), `ostiary-bench-${hash}-`)));
  try {
    await run('sh', ['-c', `git -C "$0" archive --format=tar "$1" | tar -x -C "$2"`, ROOT, hash, dir]);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.build.json')], { cwd: dir, timeout: BUILD_WITHIN_MS });
  } catch (error) {
    remove();
    const { stdout: out = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`--against ${ref}: could not build it:\n${out}${stderr}${(error as Error).message}`);
  }
  return { root: dir, label: `ostiary@${hash}`, remove };
}
