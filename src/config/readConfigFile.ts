// The optional configuration file: a JSON object whose keys are the same names as the
// environment variables (environment wins). A missing default file is fine; a named file that is
// missing, or a file that is not a flat JSON object of strings, numbers or booleans, is an error.
import { readFileSync } from 'node:fs';
import { ConfigError } from './ConfigError.js';
import type { Settings } from './loadConfig.js';

export const DEFAULT_CONFIG_FILE = 'config/ostiary.json';

export function readConfigFile(path: string | undefined): Settings {
  const file = path ?? DEFAULT_CONFIG_FILE;
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
  } catch {
    throw new ConfigError('OSTIARY_CONFIG', `valid JSON in ${file}`);
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
