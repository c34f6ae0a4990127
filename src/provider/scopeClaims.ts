// Which claims each OpenID scope releases, in ID tokens and at userinfo (oidc-provider's `claims`).
// Every ID token says how the person signed in (acr, amr) and names them (sub). `roles` and
// `groups` release the account's roles and groups, each an array of strings (empty when it has
// none), as Keycloak and Entra ID name them.

export const SCOPE_CLAIMS = {
  openid: ['sub', 'acr', 'amr'],
  email: ['email', 'email_verified'],
  profile: ['name'],
  roles: ['roles'],
  groups: ['groups'],
} as const;

/** The scopes that release a claim; none for the provider's own (auth_time, sid, iss). */
export function scopesReleasing(claim: string): string[] {
  return Object.entries(SCOPE_CLAIMS)
    .filter(([, released]) => (released as readonly string[]).includes(claim))
    .map(([scope]) => scope);
}

/** The scopes that release these claims (a `claims` request asks for claims, consent is per scope). */
export function scopesOfClaims(claims: readonly string[]): string[] {
  const scopes = new Set(claims.flatMap(scopesReleasing));
  scopes.delete('openid');
  return [...scopes];
}
