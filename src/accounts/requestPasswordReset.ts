// "Forgot password?": mails a reset link to the account with that email. The answer is the same
// whether the email has an account or not, and takes the same time (the mail leaves after the
// answer), so the page never tells who has an account. Throttled per email and per address
// (linkThrottle); a disabled account gets no link.
import type { Audit } from '../audit/Audit.js';
import type { Mailer } from '../mail/Mailer.js';
import type { Store } from '../store/Store.js';
import type { LinkThrottle } from '../throttle/linkThrottle.js';
import type { Refusal } from '../throttle/Refusal.js';
import type { AccountLinks } from './accountLinks.js';
import { linkMail } from './linkMail.js';

export interface ResetRequestDeps {
  readonly store: Pick<Store, 'accounts'>;
  readonly links: AccountLinks;
  readonly mailer: Mailer;
  readonly throttle: LinkThrottle;
  readonly audit: Audit;
  readonly issuerId: string;
  /** A mail that could not be sent (it leaves after the answer, so only the log can say so). */
  readonly mailFailed: (error: unknown) => void;
}

export interface Requester {
  readonly address: string;
  readonly requestId?: string | undefined;
}

export type ResetRequestOutcome =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'throttled'; readonly refusal: Refusal };

export async function requestPasswordReset(
  deps: ResetRequestDeps,
  email: string,
  { address, requestId }: Requester,
): Promise<ResetRequestOutcome> {
  const facts = { address, requestId };
  const refusal = await deps.throttle.admitRequest(email, address);
  if (refusal) {
    deps.audit.record({ event: 'password_reset.requested', outcome: 'failure', reason: 'too_many_attempts', ...facts });
    return { outcome: 'throttled', refusal };
  }
  const account = await deps.store.accounts.findByEmail(email.trim());
  deps.audit.record({ event: 'password_reset.requested', outcome: 'success', accountId: account?.accountId, ...facts });
  if (account && !account.disabled) {
    const token = await deps.links.issue('PasswordReset', account);
    deps.mailer.send(linkMail('PasswordReset', account.email, deps.issuerId, token)).catch(deps.mailFailed);
  }
  return { outcome: 'accepted' };
}
