// Runs an `ostiary` command in this process against a test server's store and returns its
// `--json` output: the same code path as the CLI, without a process per fixture.
import { createAudit } from '../../src/audit/Audit.js';
import { commandLineBackchannel } from '../../src/cli/commandLineBackchannel.js';
import { runProgram } from '../../src/cli/runProgram.js';
import type { AppConfig } from '../../src/config/AppConfig.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createMailer } from '../../src/mail/createMailer.js';
import type { Store } from '../../src/store/Store.js';

/** The audit lines of every change made through admin() in this test process. */
export const adminAudit: Record<string, unknown>[] = [];
const change = { audit: createAudit((line) => adminAudit.push({ ...line })), actor: 'cli:test' };

/** Runs a command with the default configuration; adminWith passes a server's own. */
// biome-ignore lint/suspicious/noExplicitAny: the --json output; each test checks what it reads
export async function admin<T = any>(store: Store, ...args: string[]): Promise<T> {
  return adminWith<T>(store, loadConfig({}), ...args);
}

// biome-ignore lint/suspicious/noExplicitAny: the --json output; each test checks what it reads
export async function adminWith<T = any>(store: Store, config: AppConfig, ...args: string[]): Promise<T> {
  let out = '';
  let err = '';
  // As the command line does: the apps its sign-outs concern are told before it returns.
  const backchannel = commandLineBackchannel({
    openStore: async () => store,
    config: () => config,
    audit: () => change.audit,
    err: (text) => {
      err += text;
    },
  });
  const code = await runProgram([...args, '--json'], {
    openStore: async () => store,
    config: () => config,
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    readLine: async () => undefined,
    change: () => change,
    signedOut: () => backchannel.signedOut,
    mailer: () => createMailer(config.mail, { production: config.production, logUnsent: () => {} }),
    remote: () => {
      throw new Error('admin() works on the store in this process');
    },
  });
  await backchannel.settled();
  if (code !== 0) throw new Error(`ostiary ${args.join(' ')} exited ${code}: ${err}${out}`);
  return JSON.parse(out) as T;
}

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  [key: string]: unknown;
}
