// The optional configuration file: a JSON object whose keys are the same names as the
// environment variables (environment wins). A missing default file is fine; a named file that is
// missing, or a file that is not a flat JSON object of strings, numbers or booleans, is an error;
// a syntax error says where (line and column).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './ConfigError.js';
import type { Settings } from './loadConfig.js';

export const DEFAULT_CONFIG_FILE = 'config/ostiary.json';

/** What JSON.parse found wrong, at which line and column (Node 20 says only the offset). */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/\s*\(line \d+ column \d+\)$/, '').replace(/ in JSON at position \d+$/, '');
  const position = Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
  const before = text.slice(0, position).split('\n');
  return `${reason} at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** `path` as named (OSTIARY_CONFIG), or else the default file in the folder `base`. */
export function readConfigFile(path: string | undefined, base = '.'): Settings {
  const file = path ?? join(base, DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError('OSTIARY_CONFIG', `a readable JSON file (could not read ${file})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('OSTIARY_CONFIG', `valid JSON in ${file}: ${jsonProblem(text, error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError('OSTIARY_CONFIG', `a JSON object of settings in ${file}`);
  }
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new ConfigError(name, `a string, number or boolean in ${file}`);
    }
    settings[name] = String(value);
  }
  return settings;
}
