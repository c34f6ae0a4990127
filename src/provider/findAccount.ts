// oidc-provider's findAccount: the claims of an account, released per scope by the `claims`
// mapping (scopeClaims: openid: sub; email: email, email_verified; profile: name; roles; groups). An account
// that may no longer use what it holds (activeAccount) is not found: its refresh tokens and
// userinfo access tokens are refused, and its browser session must sign in again.
import type { FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { ActiveAccount } from './activeAccount.js';

/** When what is being used was issued: the token's iat, or the login time of the browser's session. */
function issuedAt(ctx: KoaContextWithOIDC, sub: string, token: { iat?: number } | undefined): number | undefined {
  if (token?.iat !== undefined) return token.iat;
  const session = ctx.oidc?.session;
  return session?.accountId === sub ? session.loginTs : undefined;
}

export function findAccount(active: ActiveAccount): FindAccount {
  return async (ctx, sub, token) => {
    const account = await active(sub, issuedAt(ctx, sub, token as { iat?: number } | undefined));
    if (!account) return undefined;
    return {
      accountId: account.accountId,
      claims: () => ({
        sub: account.accountId,
        email: account.email,
        email_verified: account.emailVerified,
        ...(account.name === undefined ? {} : { name: account.name }),
        roles: [...(account.claims?.roles ?? [])],
        groups: [...(account.claims?.groups ?? [])],
      }),
    };
  };
}
