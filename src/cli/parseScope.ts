// A space-separated scope value as RFC 6749 section 3.3 defines it: one or more scope-tokens of
// printable ASCII without space, `"` or `\`. Returns the tokens once each, in the order given.
import { UsageError } from './errors.js';

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function parseScope(flag: string, value: string, forbidden: readonly string[] = []): string[] {
  const tokens = [...new Set(value.split(/\s+/).filter(Boolean))];
  if (tokens.length === 0) throw new UsageError(flag, 'one or more space-separated scopes, such as "read write"');
  for (const token of tokens) {
    if (!SCOPE_TOKEN.test(token)) {
      throw new UsageError(flag, `"${token}" is not a scope token (printable ASCII without space, " or \\)`);
    }
    if (forbidden.includes(token)) throw new UsageError(flag, `"${token}" cannot be used here`);
  }
  return tokens;
}
