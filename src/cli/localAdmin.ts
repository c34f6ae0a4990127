// The admin operations run in this process, on the store the configuration names, audited as the
// OS user: the same route declarations and validation (runAdminRoute) the HTTP API serves.
import type { AdminCall } from '../admin/AdminRoute.js';
import { runAdminRoute } from '../admin/runAdminRoute.js';
import type { CliDeps } from './CliDeps.js';

export function localAdmin(deps: Pick<CliDeps, 'openStore' | 'config' | 'change'>): AdminCall {
  return async (route, input = {}) => {
    const store = await deps.openStore();
    return runAdminRoute(route, input, { store, config: deps.config(), change: deps.change() }) as never;
  };
}
