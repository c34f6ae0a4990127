// Accounts with their TOTP secret sealed: stored as an envelope bound to the account, given back in
// clear to the code that checks a code. Password hashes and recovery codes are hashes already and
// pass through. An account without factors is untouched.
import type { Sealer } from '../../secrets/Sealer.js';
import type { Account, AccountFactors, AccountStore } from '../Store.js';

/** The authenticated context of an account's TOTP secret: it opens only as this account's. */
export const totpSecretContext = (accountId: string) => `totp:${accountId}`;

export function sealedAccounts(accounts: AccountStore, sealer: Sealer): AccountStore {
  const transform = (
    accountId: string,
    factors: AccountFactors | undefined,
    change: (secret: string, context: string) => string,
  ) =>
    factors?.totp
      ? { ...factors, totp: { ...factors.totp, secret: change(factors.totp.secret, totpSecretContext(accountId)) } }
      : factors;
  const open = (account: Account | undefined): Account | undefined =>
    account?.factors?.totp
      ? {
          ...account,
          factors: transform(account.accountId, account.factors, (secret, context) => sealer.unseal(secret, context)),
        }
      : account;
  const seal = (accountId: string, factors: AccountFactors | undefined) =>
    transform(accountId, factors, (secret, context) => sealer.seal(secret, context));

  return {
    create(account) {
      return accounts.create(
        account.factors ? { ...account, factors: seal(account.accountId, account.factors) } : account,
      );
    },
    async findById(accountId) {
      return open(await accounts.findById(accountId));
    },
    async findByEmail(email) {
      return open(await accounts.findByEmail(email));
    },
    async list() {
      return (await accounts.list()).map((account) => open(account) as Account);
    },
    remove(accountId) {
      return accounts.remove(accountId);
    },
    update(accountId, changes) {
      return accounts.update(
        accountId,
        'factors' in changes ? { ...changes, factors: seal(accountId, changes.factors) } : changes,
      );
    },
  };
}
