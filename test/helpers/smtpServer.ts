// A real SMTP server for the tests (smtp-server), on a free port: it accepts every message and keeps
// it parsed (mailparser), so a test reads the mail Ostiary sent and follows its link.
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually.js';
import { freePort } from './freePort.js';

export interface Inbox {
  /** SMTP_URL for Ostiary. */
  readonly url: string;
  readonly messages: ParsedMail[];
  /** The messages to this address so far. */
  to(address: string): ParsedMail[];
  /** Waits (up to 10 s) for the `count`th message to this address and returns it. */
  next(address: string, count?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
}

const recipients = (mail: ParsedMail) =>
  [mail.to ?? []].flat().flatMap((to) => to.value.map((each) => each.address?.toLowerCase()));

export async function startSmtpServer(): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const to = (address: string) => messages.filter((mail) => recipients(mail).includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to,
    async next(address, count = 1) {
      await eventually(async () => to(address).length >= count, 10_000, { everyMs: 20 });
      const mail = to(address)[count - 1];
      if (!mail) throw new Error(`no message ${count} to ${address} within 10 s`);
      return mail;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one link a message carries. */
export function linkIn(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`no link in the mail "${mail.subject}"`);
  return link;
}
