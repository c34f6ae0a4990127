// Replaces an account's password and signs it out everywhere: whoever knew the old password keeps
// neither a session nor a refresh token. The new password must pass the same policy as at creation.
import { type Change, recordChange } from '../audit/Change.js';
import type { Account } from '../store/Store.js';
import { AccountError } from './AccountError.js';
import { hashPassword } from './passwordHasher.js';
import { passwordProblem } from './passwordPolicy.js';
import { type AccessDeps, revokeAccountAccess } from './revokeAccountAccess.js';

export async function changePassword(
  access: AccessDeps,
  account: Account,
  password: string,
  change: Change,
  event: 'account.password_changed' | 'account.password_reset' = 'account.password_changed',
): Promise<void> {
  const problem = await passwordProblem(password, [account.email, ...(account.name ? [account.name] : [])]);
  if (problem) throw new AccountError('weak_password', problem);
  const passwordHash = await hashPassword(password);
  if (!(await revokeAccountAccess(access, account.accountId, { passwordHash }))) {
    throw new AccountError('not_found', `no account with email ${account.email}`); // removed meanwhile
  }
  recordChange(change, { event, accountId: account.accountId });
}
