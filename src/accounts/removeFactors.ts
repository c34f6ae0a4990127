// Removes every second factor of an account (its authenticator app, its passkeys and its recovery
// codes), so it signs in with its password alone: `ostiary user mfa reset` for someone who lost
// them. The person removes one at a time on the account page (removeFactor).
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { AccountError } from './AccountError.js';

export async function removeFactors(store: Pick<Store, 'accounts'>, accountId: string, change: Change): Promise<void> {
  if (!(await store.accounts.update(accountId, { factors: undefined }))) {
    throw new AccountError('not_found', `no account ${accountId}`);
  }
  recordChange(change, { event: 'account.mfa_reset', accountId });
}
