// Lets an email try to sign in again at once: clears its sign-in throttling count and lock (for
// an operator helping someone who locked themselves out). Addresses keep their own counts.
import type { LimitStore } from '../store/Store.js';
import { throttleKeys } from '../throttle/throttleKeys.js';

export async function unlockAccount(limits: LimitStore, email: string): Promise<void> {
  await limits.reset(throttleKeys.account(email));
}
