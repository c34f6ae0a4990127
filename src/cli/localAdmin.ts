// The admin operations run in this process, on the store the configuration names, audited as the
// OS user: the same route declarations and validation (runAdminRoute) the HTTP API serves.

import { accountLinks } from '../accounts/accountLinks.js';
import type { AdminCall } from '../admin/AdminRoute.js';
import { runAdminRoute } from '../admin/runAdminRoute.js';
import type { CliDeps } from './CliDeps.js';

export function localAdmin(deps: Pick<CliDeps, 'openStore' | 'config' | 'change' | 'mailer' | 'signedOut'>): AdminCall {
  return async (route, input = {}) => {
    const store = await deps.openStore();
    const config = deps.config();
    const mail = { links: accountLinks(store), mailer: deps.mailer(), issuerId: config.issuerId };
    const context = { store, config, change: deps.change(), mail, signedOut: deps.signedOut() };
    return runAdminRoute(route, input, context) as never;
  };
}
