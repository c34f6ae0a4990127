// One admin API operation, declared once: its method and path, the scope it needs, the zod schemas
// of its path parameters, query and body (which validate the request AND describe it in the
// OpenAPI document, so the two cannot drift), its answer, and the handler. The handler receives
// validated input and the caller's Change (for the audit trail); it never sees the raw request.
import type { z } from 'zod';
import type { Change } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import type { Store } from '../store/Store.js';

export interface AdminContext {
  readonly store: Store;
  readonly config: AppConfig;
  /** Who asks (`client:<id>`), for the audit trail. */
  readonly change: Change;
}

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export interface AdminRoute<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> {
  readonly method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI style: /users/{id}. */
  readonly path: string;
  readonly summary: string;
  readonly tag: 'users' | 'clients' | 'resources' | 'keys';
  readonly scope: 'admin:read' | 'admin:write';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The success status and the schema of its JSON body (none for 204). */
  readonly response: { readonly status: 200 | 201 | 204; readonly schema?: Schema; readonly description: string };
  /** The problems it may answer besides 400, 401, 403 and 503. */
  readonly problems?: readonly (404 | 409)[];
  readonly handle: (
    input: { params: Infer<P>; query: Infer<Q>; body: Infer<B> },
    context: AdminContext,
  ) => Promise<unknown>;
}

/** Declares a route with its input types inferred from its schemas. */
export function adminRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(route: AdminRoute<P, Q, B>): AdminRoute {
  return route as unknown as AdminRoute;
}
