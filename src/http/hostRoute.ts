// The host's own routes by name: the request handler sends these to the host Koa app (everything
// else is oidc-provider's), and the request metrics use the names as a bounded label.

const HOST_ROUTES: readonly [RegExp, string][] = [
  [/^\/interaction\/[^/]+\/(login|confirm|abort|forgot|switch|second-factor|signup)$/, 'interaction.'],
  [/^\/interaction\//, 'interaction'],
  [/^\/assets\//, 'assets'],
  [/^\/(reset-password|verify-email)$/, ''],
  [/^\/account(?:\/|$)/, 'account'],
  [/^\/admin\//, 'admin'],
  [/^\/healthz$/, 'healthz'],
  [/^\/readyz$/, 'readyz'],
];

/** The route's name for a path (no query), or undefined when oidc-provider answers it. */
export function hostRoute(path: string): string | undefined {
  for (const [pattern, name] of HOST_ROUTES) {
    const match = pattern.exec(path);
    if (match) return match[1] ? `${name}${match[1]}` : name;
  }
  return undefined;
}
