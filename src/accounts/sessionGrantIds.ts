// The grants a browser session handed out: one per client it signed in to, as oidc-provider keeps
// them in the session's `authorizations`. Logout and ending a session revoke these.

export function sessionGrantIds(session: object): string[] {
  const authorizations = ((session as { authorizations?: unknown }).authorizations ?? {}) as Record<
    string,
    { readonly grantId?: unknown }
  >;
  return Object.values(authorizations)
    .map((authorization) => authorization.grantId)
    .filter((grantId): grantId is string => typeof grantId === 'string');
}
