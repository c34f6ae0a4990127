// The mail that carries an account link, in words a person acts on. Only what the link is for, the
// address it went to, how long it works, and what to do if it was not asked for.
import type { MailMessage } from '../mail/Mailer.js';
import { LINK_TTL, type LinkPurpose } from './accountLinks.js';

/** Where each link lands, under the issuer. */
export const LINK_PATHS: Readonly<Record<LinkPurpose, string>> = {
  PasswordReset: '/reset-password',
  EmailVerification: '/verify-email',
};

const lasting = (seconds: number) =>
  seconds >= 86_400 ? `${Math.round(seconds / 86_400)} days` : `${Math.round(seconds / 60)} minutes`;

export function linkMail(purpose: LinkPurpose, to: string, issuerId: string, token: string): MailMessage {
  const link = `${issuerId}${LINK_PATHS[purpose]}?token=${token}`;
  const site = new URL(issuerId).host;
  const valid = lasting(LINK_TTL[purpose]);
  if (purpose === 'PasswordReset') {
    return {
      to,
      link,
      subject: 'Reset your password',
      text:
        `Someone, hopefully you, asked to reset the password of ${to} at ${site}.\n\n` +
        `Choose a new password here. The link works once, for ${valid}:\n\n${link}\n\n` +
        'If you did not ask for this, ignore this mail: your password stays as it is.\n',
    };
  }
  return {
    to,
    link,
    subject: 'Confirm your email address',
    text:
      `Confirm that ${to} is your email address at ${site}. The link works once, for ${valid}:\n\n${link}\n\n` +
      'If you do not know why you got this, ignore it.\n',
  };
}
