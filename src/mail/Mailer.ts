// Mail Ostiary sends: one message to one person, carrying one link (reset a password, verify an
// email address). The link is what the person needs; where no mail can be sent in development it
// is written to the log in the mail's place.

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** The plain-text body; it includes the link. */
  readonly text: string;
  /** The one link the message carries. */
  readonly link: string;
}

export interface Mailer {
  /** False in production without SMTP_URL: nothing that needs mail is offered. */
  readonly available: boolean;
  /** Rejects when the mail server refused or did not answer; the reason never holds the link. */
  send(message: MailMessage): Promise<void>;
}
