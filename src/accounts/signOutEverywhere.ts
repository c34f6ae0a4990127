// Signs an account out everywhere without changing its password (`user revoke`): every session
// ends and every refresh token and stored access token stops working (revokeAccountAccess).
import { type Change, recordChange } from '../audit/Change.js';
import { AccountError } from './AccountError.js';
import { type AccessDeps, revokeAccountAccess } from './revokeAccountAccess.js';

export async function signOutEverywhere(access: AccessDeps, accountId: string, change: Change): Promise<void> {
  if (!(await revokeAccountAccess(access, accountId))) throw new AccountError('not_found', `no account ${accountId}`);
  recordChange(change, { event: 'account.signed_out', accountId });
}
