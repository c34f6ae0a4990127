// Runs one admin operation on input not yet validated: the path parameters, query and body are
// parsed with the route's own schemas (a failure names the member at fault), then the handler
// runs. Every failure leaves as a Problem (problemFrom); the HTTP API and the `ostiary` command
// both come through here, so they validate and refuse alike.
import type { AdminContext, AdminRoute } from './AdminRoute.js';
import { problemFrom } from './problemFrom.js';

export interface RawAdminInput {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

export async function runAdminRoute(route: AdminRoute, raw: RawAdminInput, context: AdminContext): Promise<unknown> {
  let where: 'params' | 'query' | 'body' = 'params';
  try {
    const params = route.params ? route.params.parse(raw.params ?? {}) : undefined;
    where = 'query';
    const query = route.query ? route.query.parse(raw.query ?? {}) : undefined;
    where = 'body';
    const body = route.body ? route.body.parse(raw.body ?? {}) : undefined;
    return await route.handle({ params, query, body } as never, context);
  } catch (error) {
    throw problemFrom(error, where);
  }
}
