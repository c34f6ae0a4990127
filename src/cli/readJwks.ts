// `--jwks FILE`: the client's public keys as a JWK Set, read from a JSON file. The keys themselves
// are checked by the registration rules (checkClientKeys); this only reads the file.
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

export function readJwks(file: string): { keys: Record<string, unknown>[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError('--jwks', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text) as { keys: Record<string, unknown>[] };
  } catch {
    throw new UsageError('--jwks', `${file} is not JSON (a JWK Set: {"keys": [...]})`);
  }
}
