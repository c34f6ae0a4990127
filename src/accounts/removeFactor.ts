// Removes one second factor, by the person on the account page: their authenticator app, or one
// passkey. When none is left, the recovery codes go too (they stood in for a factor that is gone)
// and the account signs in with its password alone. An operator removes them all at once
// (removeFactors).
import { type Change, recordChange } from '../audit/Change.js';
import type { Account, AccountFactors, Store } from '../store/Store.js';
import { AccountError } from './AccountError.js';

export type Factor = { readonly kind: 'totp' } | { readonly kind: 'passkey'; readonly id: string };

export async function removeFactor(
  store: Pick<Store, 'accounts'>,
  account: Account,
  factor: Factor,
  change: Change,
): Promise<void> {
  const { totp, passkeys = [], recoveryCodes } = account.factors ?? {};
  const left = factor.kind === 'passkey' ? passkeys.filter((each) => each.id !== factor.id) : passkeys;
  const keepTotp = factor.kind === 'totp' ? undefined : totp;
  if (factor.kind === 'totp' ? !totp : left.length === passkeys.length) {
    throw new AccountError('not_found', `no such ${factor.kind === 'totp' ? 'authenticator app' : 'passkey'}`);
  }
  const factors: AccountFactors | undefined =
    keepTotp || left.length > 0
      ? {
          ...(keepTotp ? { totp: keepTotp } : {}),
          ...(left.length > 0 ? { passkeys: left } : {}),
          ...(recoveryCodes ? { recoveryCodes } : {}),
        }
      : undefined;
  await store.accounts.update(account.accountId, { factors });
  recordChange(change, {
    event: 'account.factor_removed',
    accountId: account.accountId,
    details: { factor: factor.kind, ...(factors ? {} : { none_left: true }) },
  });
}
