// A sign-in with email and password, in the order that keeps guessing slow and cheap to refuse:
// 1. a full hashing queue refuses at once (busy), before anything is counted;
// 2. throttling counts the attempt for its client address, and refuses while the address or the
//    email must wait (loginThrottle), without hashing;
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

export type SignIn = (email: string, password: string, address: string) => Promise<SignInOutcome>;

export function createSignIn(authenticate: Authenticate, throttle: LoginThrottle): SignIn {
  return async (email, password, address) => {
    if (authenticate.busy()) return { outcome: 'busy' };
    const refusal = await throttle.admit(email, address);
    if (refusal) return { outcome: 'throttled', refusal };
    let account: Account | undefined;
    try {
      account = await authenticate(email, password);
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
}
