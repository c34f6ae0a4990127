// Who is signed in, for the account page: the browser's session with this provider (oidc-provider's
// session cookie), and its account, as long as that account may still use it (activeAccount: not
// removed, not disabled, the session not older than the account's last revocation).
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { ActiveAccount } from '../provider/activeAccount.js';
import type { Account } from '../store/Store.js';

export type ProviderSession = Awaited<ReturnType<Provider['Session']['get']>>;

export interface SignedInSession {
  readonly session: ProviderSession;
  readonly account: Account;
}

export async function currentSession(
  ctx: Context,
  provider: Provider,
  active: ActiveAccount,
): Promise<SignedInSession | undefined> {
  const session = await provider.Session.get(ctx as unknown as Parameters<Provider['Session']['get']>[0]);
  if (!session.accountId) return undefined;
  const account = await active(session.accountId, session.loginTs);
  return account ? { session, account } : undefined;
}
