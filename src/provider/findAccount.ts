// oidc-provider's findAccount: the claims of an account, released per scope by the `claims`
// mapping in createProvider (openid: sub; email: email, email_verified; profile: name).
import type { FindAccount } from 'oidc-provider';
import type { AccountStore } from '../store/Store.js';
import { storeCall } from './storeCall.js';

export function findAccount(accounts: AccountStore): FindAccount {
  return async (_ctx, sub) => {
    const account = await storeCall(() => accounts.findById(sub));
    if (!account) return undefined;
    return {
      accountId: account.accountId,
      claims: () => ({
        sub: account.accountId,
        email: account.email,
        email_verified: account.emailVerified,
        ...(account.name === undefined ? {} : { name: account.name }),
      }),
    };
  };
}
