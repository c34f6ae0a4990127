// What a person does with a mailed link: look at it (is it still good?), set a new password with a
// reset link, or confirm an email address. Each try counts against the address (linkThrottle), a
// refused link is audited, and the change is made and audited as the account itself. A weak new
// password is refused before the link is used up, so the person can try another.
import type { Audit } from '../audit/Audit.js';
import type { Change } from '../audit/Change.js';
import type { SignedOut } from '../logout/EndedAccess.js';
import type { Account, Store } from '../store/Store.js';
import type { LinkThrottle } from '../throttle/linkThrottle.js';
import type { Refusal } from '../throttle/Refusal.js';
import { throttleKeys } from '../throttle/throttleKeys.js';
import { AccountError } from './AccountError.js';
import type { AccountLinks, LinkPurpose } from './accountLinks.js';
import { changePassword } from './changePassword.js';
import { passwordProblem } from './passwordPolicy.js';

export interface LinkUseDeps {
  readonly store: Pick<Store, 'accounts' | 'artifacts' | 'limits'>;
  readonly links: AccountLinks;
  readonly throttle: LinkThrottle;
  readonly audit: Audit;
  /** Tells the apps when a reset signs the account out everywhere. */
  readonly signedOut: SignedOut;
}

export interface LinkUser {
  readonly address: string;
  readonly requestId?: string | undefined;
}

export type LinkOutcome =
  | { readonly outcome: 'ok'; readonly account: Account }
  | { readonly outcome: 'throttled'; readonly refusal: Refusal }
  | { readonly outcome: 'invalid_link' }
  | { readonly outcome: 'weak_password'; readonly problem: string; readonly account: Account };

const asThePerson = (deps: LinkUseDeps, account: Account, who: LinkUser): Change => ({
  audit: deps.audit,
  actor: `account:${account.accountId}`,
  requestId: who.requestId,
  address: who.address,
});

async function tried(
  deps: LinkUseDeps,
  purpose: LinkPurpose,
  who: LinkUser,
  attempt: () => Promise<LinkOutcome>,
): Promise<LinkOutcome> {
  const refusal = await deps.throttle.admitUse(who.address);
  if (refusal) return { outcome: 'throttled', refusal };
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof AccountError && error.code === 'invalid_link')) throw error;
    deps.audit.record({
      event: 'account_link.refused',
      outcome: 'failure',
      reason: 'invalid_link',
      details: { purpose },
      address: who.address,
      requestId: who.requestId,
    });
    return { outcome: 'invalid_link' };
  }
}

/** Whether the link still works, and for whom: for the page that shows its form. */
export function checkAccountLink(deps: LinkUseDeps, purpose: LinkPurpose, token: string, who: LinkUser) {
  return tried(deps, purpose, who, async () => ({ outcome: 'ok', account: await deps.links.check(purpose, token) }));
}

/** Sets a new password with a reset link: every session and token of the account is revoked. */
export function resetPassword(deps: LinkUseDeps, token: string, password: string, who: LinkUser) {
  return tried(deps, 'PasswordReset', who, async () => {
    const account = await deps.links.check('PasswordReset', token);
    const problem = await passwordProblem(password, [account.email, ...(account.name ? [account.name] : [])]);
    if (problem) return { outcome: 'weak_password', problem, account };
    await deps.links.redeem('PasswordReset', token);
    const access = { accounts: deps.store.accounts, artifacts: deps.store.artifacts, signedOut: deps.signedOut };
    await changePassword(access, account, password, asThePerson(deps, account, who), 'account.password_reset');
    await deps.store.limits.reset(throttleKeys.account(account.email)); // the mailbox proved who it is
    return { outcome: 'ok', account };
  });
}

/** Confirms the account's email address with its verification link. */
export function verifyEmail(deps: LinkUseDeps, token: string, who: LinkUser) {
  return tried(deps, 'EmailVerification', who, async () => {
    const account = await deps.links.redeem('EmailVerification', token);
    await deps.store.accounts.update(account.accountId, { emailVerified: true });
    deps.audit.record({
      event: 'account.email_verified',
      outcome: 'success',
      accountId: account.accountId,
      actor: `account:${account.accountId}`,
      address: who.address,
      requestId: who.requestId,
    });
    return { outcome: 'ok', account: { ...account, emailVerified: true } };
  });
}
