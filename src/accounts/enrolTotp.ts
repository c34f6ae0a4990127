// Turns on two-step sign-in with an authenticator app: the secret the person's app shows codes for
// is kept (sealed) once they prove it works by typing a current code, with ten new recovery codes,
// shown to them once. Turning it off (removeFactors) is for the person or an operator.
import { type Change, recordChange } from '../audit/Change.js';
import type { Account, Store } from '../store/Store.js';
import { newRecoveryCodes } from './recoveryCodes.js';
import { totpStep } from './totp.js';

export type Enrolment =
  | { readonly outcome: 'enrolled'; readonly recoveryCodes: string[] }
  | { readonly outcome: 'wrong_code' };

export async function enrolTotp(
  store: Pick<Store, 'accounts'>,
  account: Account,
  secret: string,
  code: string,
  change: Change,
  now = Date.now(),
): Promise<Enrolment> {
  if (!/^[A-Z2-7]{32}$/.test(secret) || totpStep(secret, code, now) === undefined) return { outcome: 'wrong_code' };
  const { codes, hashes } = newRecoveryCodes();
  await store.accounts.update(account.accountId, {
    factors: { ...account.factors, totp: { secret, enrolledAt: now }, recoveryCodes: hashes },
  });
  recordChange(change, { event: 'account.mfa_enrolled', accountId: account.accountId, details: { factor: 'totp' } });
  return { outcome: 'enrolled', recoveryCodes: codes };
}
