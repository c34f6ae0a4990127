// A --scope value as scope tokens (clients/scopeTokens.ts), or a UsageError naming the flag.
import { scopeTokens } from '../clients/scopeTokens.js';
import { UsageError } from './errors.js';

export function parseScope(flag: string, value: string, forbidden: readonly string[] = []): string[] {
  const parsed = scopeTokens(value, forbidden);
  if ('problem' in parsed) throw new UsageError(flag, parsed.problem);
  return parsed.tokens;
}
