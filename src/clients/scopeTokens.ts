// A space-separated scope value as RFC 6749 section 3.3 defines it: one or more scope-tokens of
// printable ASCII without space, `"` or `\`. The tokens once each, in the order given, or why the
// value is not one.

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function scopeTokens(
  value: string,
  forbidden: readonly string[] = [],
): { readonly tokens: string[] } | { readonly problem: string } {
  const tokens = [...new Set(value.split(/\s+/).filter(Boolean))];
  if (tokens.length === 0) return { problem: 'one or more space-separated scopes, such as "read write"' };
  for (const token of tokens) {
    if (!SCOPE_TOKEN.test(token)) {
      return { problem: `"${token}" is not a scope token (printable ASCII without space, " or \\)` };
    }
    if (forbidden.includes(token)) return { problem: `"${token}" cannot be used here` };
  }
  return { tokens };
}
