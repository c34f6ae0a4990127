// Disables an account (it cannot sign in, and everything it holds is revoked) or enables it again
// (it signs in afresh: nothing revoked comes back).
import { type Change, recordChange } from '../audit/Change.js';
import { AccountError } from './AccountError.js';
import { type AccessDeps, revokeAccountAccess } from './revokeAccountAccess.js';

export async function setAccountDisabled(
  access: AccessDeps,
  accountId: string,
  disabled: boolean,
  change: Change,
): Promise<void> {
  const found = disabled
    ? await revokeAccountAccess(access, accountId, { disabled: true })
    : await access.accounts.update(accountId, { disabled: false });
  if (!found) throw new AccountError('not_found', `no account ${accountId}`);
  recordChange(change, { event: disabled ? 'account.disabled' : 'account.enabled', accountId });
}
