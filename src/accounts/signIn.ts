// A sign-in with email and password, in the order that keeps guessing slow and cheap to refuse:
// 1. throttling counts the attempt for its client address, and refuses while the address or the
//    email must wait (loginThrottle), without hashing;
// 2. a full hashing queue, or a full share of it for the address, refuses at once (busy). The
//    attempt was counted for its address, so a flood spends its address's budget even on
//    refusals and cannot keep the queue full;
// 3. the password is checked (the same work for an unknown email);
// 4. a failure counts towards the email's lock; the right password clears it. A disabled account
//    still cannot sign in.
// Pages (and later APIs) call this and only decide how to say the outcome.
import type { Account } from '../store/Store.js';
import type { LoginThrottle } from '../throttle/loginThrottle.js';
import type { Refusal } from '../throttle/Refusal.js';
import type { Authenticate } from './createAuthenticator.js';
import { HashingBusyError } from './hashingGate.js';

export type SignInOutcome =
  | { readonly outcome: 'signed-in'; readonly account: Account }
  | { readonly outcome: 'wrong-credentials' }
  | { readonly outcome: 'throttled'; readonly refusal: Refusal }
  | { readonly outcome: 'busy' }
  | { readonly outcome: 'disabled' };

export interface SignIn {
  (email: string, password: string, address: string): Promise<SignInOutcome>;
  /**
   * The refusal an attempt from this address would get for its address alone, when this instance
   * already knows it (see loginThrottle): a page can answer it before loading anything.
   */
  knownRefusal(address: string): Refusal | undefined;
}

export function createSignIn(authenticate: Authenticate, throttle: LoginThrottle): SignIn {
  const signIn = async (email: string, password: string, address: string): Promise<SignInOutcome> => {
    const refusal = await throttle.admit(email, address);
    if (refusal) return { outcome: 'throttled', refusal };
    if (authenticate.busy(address)) return { outcome: 'busy' };
    let account: Account | undefined;
    try {
      account = await authenticate(email, password, address);
    } catch (error) {
      if (error instanceof HashingBusyError) return { outcome: 'busy' };
      throw error;
    }
    if (!account) {
      await throttle.failed(email);
      return { outcome: 'wrong-credentials' };
    }
    await throttle.succeeded(email);
    return account.disabled ? { outcome: 'disabled' } : { outcome: 'signed-in', account };
  };
  return Object.assign(signIn, { knownRefusal: throttle.knownRefusal });
}
