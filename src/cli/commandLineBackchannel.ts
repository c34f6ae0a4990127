// How the command line tells apps of the sign-outs it makes (back-channel logout): signed with the
// key ring in the store, with fewer and shorter retries than a server's (an operator waits), every
// outcome audited and a failure written to standard error. The command waits for it (settled).
import type { Audit } from '../audit/Audit.js';
import type { AppConfig } from '../config/AppConfig.js';
import { readKeyRing } from '../keys/readKeyRing.js';
import { type Backchannel, backchannelLogout, COMMAND_LINE_DELIVERY } from '../logout/backchannelLogout.js';
import { reportDelivery } from '../logout/reportDelivery.js';
import type { Store } from '../store/Store.js';

export interface CommandLineBackchannelDeps {
  readonly openStore: () => Promise<Store>;
  readonly config: () => AppConfig;
  readonly audit: () => Audit;
  readonly err: (text: string) => void;
}

export function commandLineBackchannel(deps: CommandLineBackchannelDeps): Backchannel {
  return backchannelLogout({
    clients: { get: async (id) => (await deps.openStore()).clients.get(id) },
    signingKeys: async () => (await readKeyRing(await deps.openStore())).signing,
    issuer: deps.config().issuerId,
    policy: COMMAND_LINE_DELIVERY,
    now: Date.now,
    report: (outcome) =>
      reportDelivery(deps.audit(), ({ clientId, uri, reason }) =>
        deps.err(`warning: ${String(clientId)} was not told of the sign-out at ${String(uri)} (${String(reason)})\n`),
      )(outcome),
    lost: (error) => deps.err(`warning: no app was told of the sign-out: ${(error as Error).message}\n`),
  });
}
