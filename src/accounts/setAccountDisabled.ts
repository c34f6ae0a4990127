// Disables an account (it cannot sign in, and everything it holds is revoked) or enables it again
// (it signs in afresh: nothing revoked comes back).
import { type Change, recordChange } from '../audit/Change.js';
import { AccountError } from './AccountError.js';
import { type AccessStore, revokeAccountAccess } from './revokeAccountAccess.js';

export async function setAccountDisabled(
  store: AccessStore,
  accountId: string,
  disabled: boolean,
  change: Change,
): Promise<void> {
  const found = disabled
    ? await revokeAccountAccess(store, accountId, { disabled: true })
    : await store.accounts.update(accountId, { disabled: false });
  if (!found) throw new AccountError('not_found', `no account ${accountId}`);
  recordChange(change, { event: disabled ? 'account.disabled' : 'account.enabled', accountId });
}
