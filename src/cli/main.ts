// The `ostiary` command's composition root, the only CLI file that reads process.env: it loads
// the configuration and opens the store when a command first needs them (or, with --server or
// OSTIARY_URL, reaches the server as OSTIARY_CLIENT_ID), runs the command line, closes the store
// and sets the exit code.
import { userInfo } from 'node:os';
import { createAudit } from '../audit/Audit.js';
import { type AuditDestination, auditDestination } from '../audit/auditDestination.js';
import type { Change } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import { loadConfig } from '../config/loadConfig.js';
import { readConfigFile } from '../config/readConfigFile.js';
import { createStore } from '../store/createStore.js';
import type { Store } from '../store/Store.js';
import { readFirstLine } from './readFirstLine.js';
import { remoteAdmin } from './remoteAdmin.js';
import { runProgram } from './runProgram.js';

let loaded: AppConfig | undefined;
const config = () => {
  loaded ??= loadConfig(process.env, readConfigFile(process.env.OSTIARY_CONFIG));
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
    const destination = auditDestination(config().auditLog, process.stderr);
    audited = { destination, change: { audit: createAudit(destination.write), actor: `cli:${userInfo().username}` } };
  }
  return audited.change;
};

const code = await runProgram(process.argv.slice(2), {
  openStore,
  config,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readLine: (prompt) =>
    readFirstLine(process.stdin, process.stdin.isTTY ? { text: prompt, to: process.stderr } : undefined),
  change,
  remote: (server) =>
    remoteAdmin({
      server,
      clientId: process.env.OSTIARY_CLIENT_ID,
      clientSecret: process.env.OSTIARY_CLIENT_SECRET,
    }),
  server: process.env.OSTIARY_URL || undefined,
});
audited?.destination.flush();
await opened?.then(
  (store) => store.close(),
  () => undefined, // it failed to open: runProgram has already reported why
);
process.exitCode = code;
