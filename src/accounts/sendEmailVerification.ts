// Mails an account a link that confirms its email address (`user add --send-verification`, the
// account page). Until it is used, `email_verified` stays false. Refused when no mail can be sent.
import { type Change, recordChange } from '../audit/Change.js';
import type { Mailer } from '../mail/Mailer.js';
import type { Account } from '../store/Store.js';
import { AccountError } from './AccountError.js';
import type { AccountLinks } from './accountLinks.js';
import { linkMail } from './linkMail.js';

export interface VerificationDeps {
  readonly links: AccountLinks;
  readonly mailer: Mailer;
  readonly issuerId: string;
}

export const NO_MAIL = 'the server cannot send mail: set SMTP_URL';

export async function sendEmailVerification(deps: VerificationDeps, account: Account, change: Change): Promise<void> {
  if (!deps.mailer.available) throw new AccountError('no_mail', NO_MAIL);
  const token = await deps.links.issue('EmailVerification', account);
  await deps.mailer.send(linkMail('EmailVerification', account.email, deps.issuerId, token));
  recordChange(change, { event: 'email_verification.sent', accountId: account.accountId });
}
