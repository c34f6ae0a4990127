// One run of the `ostiary` command against a given environment and standard streams: loads the
// configuration and opens the store when a command first needs them (or, with --server or
// OSTIARY_URL, reaches the server as OSTIARY_CLIENT_ID), runs the command line, writes out the
// audit lines, closes the store and returns the exit code. main.ts runs it on the process; the
// tests run it in theirs.
import { userInfo } from 'node:os';
import { createAudit } from '../audit/Audit.js';
import { type AuditDestination, auditDestination } from '../audit/auditDestination.js';
import type { Change } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import { loadConfig } from '../config/loadConfig.js';
import { readConfigFile } from '../config/readConfigFile.js';
import type { Backchannel } from '../logout/backchannelLogout.js';
import { createMailer } from '../mail/createMailer.js';
import { createStore } from '../store/createStore.js';
import type { Store } from '../store/Store.js';
import { commandLineBackchannel } from './commandLineBackchannel.js';
import { readFirstLine } from './readFirstLine.js';
import { remoteAdmin } from './remoteAdmin.js';
import { runProgram } from './runProgram.js';

export interface CommandLineIo {
  readonly stdout: { write(text: string): unknown };
  /** Errors and notes, and the audit lines when AUDIT_LOG is not set. */
  readonly stderr: NodeJS.WritableStream;
  /** Prompts go to stderr only when it is a terminal. */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Where config/ostiary.json is looked for when OSTIARY_CONFIG is not set (default: the working directory). */
  readonly cwd?: string;
}

export async function runCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CommandLineIo,
): Promise<number> {
  let loaded: AppConfig | undefined;
  const config = () => {
    loaded ??= loadConfig(env, readConfigFile(env.OSTIARY_CONFIG, io.cwd));
    return loaded;
  };
  let opened: Promise<Store> | undefined;
  const openStore = ({ create = false } = {}) => {
    opened ??= Promise.resolve().then(() => createStore(config(), undefined, { create }));
    return opened;
  };
  let audited: { destination: AuditDestination; change: Change } | undefined;
  const change = () => {
    if (!audited) {
      const destination = auditDestination(config().auditLog, io.stderr, { sync: true });
      audited = { destination, change: { audit: createAudit(destination.write), actor: `cli:${userInfo().username}` } };
    }
    return audited.change;
  };

  let backchannel: Backchannel | undefined;
  const signedOut = () => {
    backchannel ??= commandLineBackchannel({
      openStore,
      config,
      audit: () => change().audit,
      err: (text) => io.stderr.write(text),
    });
    return backchannel.signedOut;
  };
  const mailer = () =>
    createMailer(config().mail, {
      production: config().production,
      logUnsent: ({ to, link }) =>
        io.stderr.write(`note: no SMTP_URL, so no mail was sent; the link for ${to}: ${link}\n`),
    });
  const code = await runProgram(argv, {
    mailer,
    openStore,
    config,
    out: (text) => io.stdout.write(text),
    err: (text) => io.stderr.write(text),
    readLine: (prompt) => readFirstLine(io.stdin, io.stdin.isTTY ? { text: prompt, to: io.stderr } : undefined),
    change,
    signedOut,
    remote: (server) =>
      remoteAdmin({ server, clientId: env.OSTIARY_CLIENT_ID, clientSecret: env.OSTIARY_CLIENT_SECRET }),
    server: env.OSTIARY_URL || undefined,
  });
  await backchannel?.settled();
  audited?.destination.flush();
  await opened?.then(
    (store) => store.close(),
    () => undefined, // it failed to open: runProgram has already reported why
  );
  return code;
}
