// Deletes an account after revoking everything it holds, so no session or refresh token outlives
// it and a browser still carrying its session cookie simply gets the login page.
import { type Change, recordChange } from '../audit/Change.js';
import { AccountError } from './AccountError.js';
import { type AccessDeps, revokeAccountAccess } from './revokeAccountAccess.js';

export async function removeAccount(access: AccessDeps, accountId: string, change: Change): Promise<void> {
  await revokeAccountAccess(access, accountId);
  if (!(await access.accounts.remove(accountId))) throw new AccountError('not_found', `no account ${accountId}`);
  recordChange(change, { event: 'account.removed', accountId });
}
