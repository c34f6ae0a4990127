// How `npm start` runs the server, read from package.json: the environment it sets and the flags
// it gives node (memory settings). The benchmark starts Ostiary the same way, so it measures what
// an operator runs, not a bare `node dist/main.js`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StartCommand {
  readonly env: Readonly<Record<string, string>>;
  readonly nodeArgs: readonly string[];
  /** The script node runs, relative to the project root. */
  readonly entry: string;
}

/** Parses `[K=V ...] [exec] node [flags ...] entry` (the only form the start script uses). */
export function parseStartCommand(script: string): StartCommand {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name = '', ...value] = (words.shift() as string).split('=');
    env[name] = value.join('=');
  }
  if (words[0] === 'exec') words.shift(); // the shell hands its process to node (SIGTERM reaches it)
  if (words.shift() !== 'node') throw new Error(`the start script does not run node: ${script}`);
  const entry = words.pop();
  if (!entry || words.some((word) => !word.startsWith('--'))) {
    throw new Error(`the start script is not "[K=V ...] node [--flag ...] entry": ${script}`);
  }
  return { env, nodeArgs: words, entry };
}

export function startCommand(root: string): StartCommand {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  return parseStartCommand(manifest.scripts?.start ?? '');
}
