// Who may learn about a token, and who may revoke it. A client sees its own tokens only, and a
// token of an account that may no longer use it (removed, disabled, signed out everywhere) reads
// as inactive. Revoking a token one does not own answers 200 and does nothing (RFC 7009 2.2): the
// answer must not tell the caller whether someone else's token exists.
import type { Client } from 'oidc-provider';
import type { ActiveAccount } from './activeAccount.js';

interface Token {
  readonly clientId?: string;
  readonly accountId?: string;
  readonly iat?: number;
}

export function tokenPolicies(active: ActiveAccount) {
  return {
    async introspectionAllowed(_ctx: unknown, client: Client, token: Token): Promise<boolean> {
      if (token.clientId !== client.clientId) return false;
      return token.accountId === undefined || (await active(token.accountId, token.iat)) !== undefined;
    },
    async revocationAllowed(_ctx: unknown, client: Client, token: Token): Promise<boolean> {
      return token.clientId === client.clientId;
    },
  };
}
