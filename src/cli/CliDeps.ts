// What the `ostiary` command receives (CliDeps, from main.ts or a test), and what each command
// works with (CommandDeps, built by program.ts). The store opens on first use, so `--help` and usage
// errors need neither a valid configuration nor a database; main.ts closes it afterwards.
import type { AdminCall } from '../admin/AdminRoute.js';
import type { Change } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import type { SignedOut } from '../logout/EndedAccess.js';
import type { Mailer } from '../mail/Mailer.js';
import type { OpenOptions } from '../store/createStore.js';
import type { Store } from '../store/Store.js';

export interface CliDeps {
  /**
   * Opens the store on the first call; later calls return the same one. Only a store that exists
   * unless `create` (ostiary init): the CLI never sets one up by accident.
   */
  readonly openStore: (options?: OpenOptions) => Promise<Store>;
  /** The validated configuration (loaded on first use, like the store). */
  readonly config: () => AppConfig;
  /** Writes text, as given (include the newline), to standard output. */
  readonly out: (text: string) => void;
  /** Writes text, as given (include the newline), to standard error. */
  readonly err: (text: string) => void;
  /** The first line of standard input (prompting only on a terminal); undefined when there is none. */
  readonly readLine: (prompt: string) => Promise<string | undefined>;
  /** How mail leaves (SMTP_URL), for `user add --send-verification` (created on first use). */
  readonly mailer: () => Mailer;
  /**
   * Tells apps of the sign-outs a command makes (back-channel logout), created on first use; the
   * command line waits for the deliveries before it exits.
   */
  readonly signedOut: () => SignedOut;
  /** Who runs the command and where its changes are audited (created on first use). */
  readonly change: () => Change;
  /** Operates the server at this URL through its admin API (remoteAdmin), for --server. */
  readonly remote: (server: string) => AdminCall;
  /** The server to operate when --server is not given (OSTIARY_URL); none: work on the store. */
  readonly server?: string;
}

export interface CommandDeps extends CliDeps {
  /**
   * The admin operations, on the store in this process or, with --server or OSTIARY_URL, on a
   * running server. Every command that changes accounts, clients, APIs or keys goes through it.
   */
  readonly admin: () => AdminCall;
}
