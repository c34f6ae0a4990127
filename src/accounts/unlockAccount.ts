// Lets an email try to sign in again at once: clears its sign-in throttling count and lock (for
// an operator helping someone who locked themselves out). Addresses keep their own counts. The
// audit line names the account when the email has one (never the email itself).
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';
import { throttleKeys } from '../throttle/throttleKeys.js';

export async function unlockAccount(
  store: Pick<Store, 'limits' | 'accounts'>,
  email: string,
  change: Change,
): Promise<void> {
  await store.limits.reset(throttleKeys.account(email));
  const account = await store.accounts.findByEmail(email);
  recordChange(change, { event: 'account.unlocked', accountId: account?.accountId });
}
