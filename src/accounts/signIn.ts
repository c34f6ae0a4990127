// A sign-in with email and password, in the order that keeps guessing slow and cheap to refuse:
// 1. throttling counts the attempt for its client address, and refuses while the address or the
//    email must wait (loginThrottle), without hashing;
// 2. a full hashing queue, or a full share of it for the address, refuses at once (busy). The
//    attempt was counted for its address, so a flood spends its address's budget even on
//    refusals and cannot keep the queue full;
// 3. the password is checked (the same work for an unknown email);
// 4. a failure counts towards the email's lock; the right password clears it. A disabled account
//    still cannot sign in.
// Every outcome is audited (login.success, login.failure, login.throttled). Pages (and later APIs)
// call this and only decide how to say the outcome.
import type { Audit } from '../audit/Audit.js';
import type { Account } from '../store/Store.js';
import type { LoginThrottle } from '../throttle/loginThrottle.js';
import type { Refusal } from '../throttle/Refusal.js';
import type { Authenticate, Authentication } from './createAuthenticator.js';
import { HashingBusyError } from './hashingGate.js';

export type SignInOutcome =
  | { readonly outcome: 'signed-in'; readonly account: Account }
  | { readonly outcome: 'wrong-credentials' }
  | { readonly outcome: 'throttled'; readonly refusal: Refusal }
  | { readonly outcome: 'busy' }
  | { readonly outcome: 'disabled' };

/** Where an attempt comes from, for throttling and the audit trail. */
export interface Attempt {
  readonly address: string;
  readonly requestId?: string | undefined;
  readonly clientId?: string | undefined;
}

export interface SignIn {
  (email: string, password: string, attempt: Attempt): Promise<SignInOutcome>;
  /**
   * The refusal an attempt from this address would get for its address alone, when this instance
   * already knows it (see loginThrottle): a page can answer it before loading anything.
   */
  knownRefusal(address: string): Refusal | undefined;
}

function auditEntry(outcome: SignInOutcome, accountId: string | undefined) {
  switch (outcome.outcome) {
    case 'signed-in':
      return { event: 'login.success', outcome: 'success', accountId } as const;
    case 'wrong-credentials':
      return { event: 'login.failure', outcome: 'failure', reason: 'invalid_credentials', accountId } as const;
    case 'disabled':
      return { event: 'login.failure', outcome: 'failure', reason: 'account_disabled', accountId } as const;
    case 'throttled':
      return { event: 'login.throttled', outcome: 'failure', reason: 'too_many_attempts' } as const;
    case 'busy':
      return { event: 'login.throttled', outcome: 'failure', reason: 'busy' } as const;
  }
}

export function createSignIn(authenticate: Authenticate, throttle: LoginThrottle, audit: Audit): SignIn {
  const attemptSignIn = async (
    email: string,
    password: string,
    address: string,
  ): Promise<{ result: SignInOutcome; accountId?: string | undefined }> => {
    const refusal = await throttle.admit(email, address);
    if (refusal) return { result: { outcome: 'throttled', refusal } };
    if (authenticate.busy(address)) return { result: { outcome: 'busy' } };
    let checked: Authentication;
    try {
      checked = await authenticate(email, password, address);
    } catch (error) {
      if (error instanceof HashingBusyError) return { result: { outcome: 'busy' } };
      throw error;
    }
    const { account, verified } = checked;
    if (!account || !verified) {
      await throttle.failed(email);
      return { result: { outcome: 'wrong-credentials' }, accountId: account?.accountId };
    }
    await throttle.succeeded(email);
    const result: SignInOutcome = account.disabled ? { outcome: 'disabled' } : { outcome: 'signed-in', account };
    return { result, accountId: account.accountId };
  };
  const signIn = async (email: string, password: string, attempt: Attempt): Promise<SignInOutcome> => {
    const { result, accountId } = await attemptSignIn(email, password, attempt.address);
    audit.record({
      ...auditEntry(result, accountId),
      requestId: attempt.requestId,
      clientId: attempt.clientId,
      address: attempt.address,
    });
    return result;
  };
  return Object.assign(signIn, { knownRefusal: throttle.knownRefusal });
}
