// The second step of a sign-in: a code from the authenticator app, or a recovery code. Wrong codes
// lock the account's second step the way wrong passwords lock its email (lockoutRule), and a right
// one clears the count. A code is good once: its time step (or the recovery code) is marked used
// in the limit store, atomically, so two instances given the same code at once let one through.
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { Account, Store } from '../store/Store.js';
import { lockoutRule } from '../throttle/lockoutRule.js';
import { type Refusal, refusal } from '../throttle/Refusal.js';
import { throttleKeys } from '../throttle/throttleKeys.js';
import { recoveryCodeHash } from './recoveryCodes.js';
import { totpStep } from './totp.js';

const STEP_USED_FOR_MS = 3 * 60_000; // longer than the ±1 step (90 s) a code is accepted for
const RECOVERY_USED_FOR_MS = 5 * 365 * 24 * 3600_000; // a used recovery code stays used

export type SecondFactorOutcome =
  | { readonly outcome: 'ok'; readonly via: 'totp' | 'recovery_code' }
  | { readonly outcome: 'wrong' }
  | { readonly outcome: 'throttled'; readonly refusal: Refusal };

export interface SecondFactorDeps {
  readonly store: Pick<Store, 'accounts' | 'limits'>;
  readonly policy: ThrottlePolicy;
  readonly now: () => number;
}

export async function checkSecondFactor(
  deps: SecondFactorDeps,
  account: Account,
  answer: { readonly code?: string; readonly recoveryCode?: string },
): Promise<SecondFactorOutcome> {
  const { store, now } = deps;
  const key = throttleKeys.secondFactor(account.accountId);
  const at = now();
  const { lockedUntil } = await store.limits.peek(key, at);
  if (lockedUntil > at) return { outcome: 'throttled', refusal: refusal(lockedUntil - at) };
  const firstUse = async (used: string, forMs: number) => (await store.limits.count(used, forMs, at)).count === 1;

  let via: 'totp' | 'recovery_code' | undefined;
  const totp = account.factors?.totp;
  if (answer.code !== undefined && totp) {
    const step = totpStep(totp.secret, answer.code, at);
    if (step !== undefined && (await firstUse(throttleKeys.otpUsed(account.accountId, step), STEP_USED_FOR_MS)))
      via = 'totp';
  } else if (answer.recoveryCode !== undefined) {
    const hash = recoveryCodeHash(answer.recoveryCode);
    const left = account.factors?.recoveryCodes ?? [];
    if (
      left.includes(hash) &&
      (await firstUse(throttleKeys.recoveryUsed(account.accountId, hash), RECOVERY_USED_FOR_MS))
    ) {
      via = 'recovery_code';
      await store.accounts.update(account.accountId, {
        factors: { ...account.factors, recoveryCodes: left.filter((each) => each !== hash) },
      });
    }
  }
  if (!via) {
    await store.limits.attempt(key, lockoutRule(deps.policy), at);
    return { outcome: 'wrong' };
  }
  await store.limits.reset(key);
  return { outcome: 'ok', via };
}
