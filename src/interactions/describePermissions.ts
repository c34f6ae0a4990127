// Plain-words descriptions of what a client asks for, shown on the consent page.

const OIDC_SCOPES: Record<string, string> = {
  openid: 'Know who you are',
  email: 'See your email address',
  profile: 'See your name',
  offline_access: 'Stay connected to your account while you are away',
};

export function describePermissions(
  oidcScopes: readonly string[] = [],
  resourceScopes: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const oidc = oidcScopes.map((scope) => OIDC_SCOPES[scope] ?? `Use the "${scope}" permission`);
  const apis = Object.entries(resourceScopes).flatMap(([resource, scopes]) =>
    scopes.map((scope) => `Use the "${scope}" permission at ${resource}`),
  );
  return [...oidc, ...apis];
}
