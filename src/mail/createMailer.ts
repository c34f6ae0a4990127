// The Mailer SMTP_URL names (nodemailer over SMTP, TLS from the start with smtps://, STARTTLS when
// offered with smtp://). Without SMTP_URL, development writes each link to the log instead, and
// production has no mail at all (available: false).
import type { Transporter } from 'nodemailer';
import type { MailSettings } from '../config/AppConfig.js';
import type { Mailer, MailMessage } from './Mailer.js';

const CONNECT_WITHIN_MS = 10_000; // a mail server that does not answer must not hold a request for minutes
const SEND_WITHIN_MS = 30_000;

export interface MailerOptions {
  readonly production: boolean;
  /** Where development writes a message it cannot send. */
  readonly logUnsent: (message: MailMessage) => void;
}

export function createMailer(settings: MailSettings, { production, logUnsent }: MailerOptions): Mailer {
  if (settings.smtpUrl === undefined) {
    return {
      available: !production,
      async send(message) {
        if (production) throw new Error('no SMTP_URL: mail cannot be sent');
        logUnsent(message);
      },
    };
  }
  const { smtpUrl, from } = settings;
  // nodemailer is loaded with the first message: some 15 MiB a server that sends no mail never needs.
  let transport: Promise<Transporter> | undefined;
  const transporter = () => {
    transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport(
        {
          url: smtpUrl,
          connectionTimeout: CONNECT_WITHIN_MS,
          greetingTimeout: CONNECT_WITHIN_MS,
          socketTimeout: SEND_WITHIN_MS,
        },
        { from },
      ),
    );
    return transport;
  };
  return {
    available: true,
    async send({ to, subject, text }) {
      try {
        await (await transporter()).sendMail({ to, subject, text });
      } catch (error) {
        // nodemailer's message names the server and the SMTP reply, never the body
        throw new Error(`the mail was not sent: ${(error as Error).message}`);
      }
    },
  };
}
