// One admin API operation, declared once: its method and path, the scope it needs, the zod schemas
// of its path parameters, query and body (which validate the request AND describe it in the
// OpenAPI document, so the two cannot drift), its answer, and the handler. The handler receives
// validated input and the caller's Change (for the audit trail); it never sees the raw request.
// The same declaration is what the `ostiary` command calls (AdminCall), in process or over HTTP.
import type { z } from 'zod';
import type { VerificationDeps } from '../accounts/sendEmailVerification.js';
import type { Change } from '../audit/Change.js';
import type { AppConfig } from '../config/AppConfig.js';
import type { SignedOut } from '../logout/EndedAccess.js';
import type { Store } from '../store/Store.js';

export interface AdminContext {
  readonly store: Store;
  readonly config: AppConfig;
  /** Who asks (`client:<id>`, `cli:<user>`), for the audit trail. */
  readonly change: Change;
  /** Links and the mail that carries them (email verification). */
  readonly mail: VerificationDeps;
  /** Tells apps when an account's sessions or grants end (back-channel logout). */
  readonly signedOut: SignedOut;
}

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;
type Input<S> = S extends Schema ? z.input<S> : undefined;

export interface AdminRoute<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R = unknown,
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
  // A method, so a route with narrower schemas is still an AdminRoute (the table holds them all).
  handle(input: { params: Infer<P>; query: Infer<Q>; body: Infer<B> }, context: AdminContext): Promise<R>;
}

/** What a caller passes to a route, before validation (defaults may be left out). */
export interface AdminInput<Route> {
  readonly params?: Route extends AdminRoute<infer P> ? Input<P> : never;
  readonly query?: Route extends AdminRoute<Schema | undefined, infer Q> ? Input<Q> : never;
  readonly body?: Route extends AdminRoute<Schema | undefined, Schema | undefined, infer B> ? Input<B> : never;
}

/** What a route answers (undefined for 204). */
export type AdminOutput<Route> = Route extends AdminRoute<infer _P, infer _Q, infer _B, infer R> ? R : never;

/** Calls an admin operation: in this process on the store (localAdmin) or on a server (remoteAdmin). */
export type AdminCall = <Route extends AdminRoute>(
  route: Route,
  input?: AdminInput<Route>,
) => Promise<AdminOutput<Route>>;

/** Declares a route with its input and output types inferred from its schemas and handler. */
export function adminRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R = unknown,
>(route: AdminRoute<P, Q, B, R>): AdminRoute<P, Q, B, R> {
  return route;
}
