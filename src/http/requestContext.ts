// What Ostiary knows about one request, for its log line, its audit events and its metrics: the
// request id (X-Request-Id when the caller sent a well-formed one, else a new UUID; echoed in the
// response), the client address, and, once the request has been handled that far, the client, the
// account and the OAuth error. Kept on the request object itself, so whatever holds the request
// (a Koa context, an oidc-provider event) finds it without another lookup.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { clientAddress } from './clientAddress.js';

/**
 * A request id we pass on: up to 128 characters that cannot break a log line or a header (UUIDs,
 * W3C trace ids, AWS and Heroku ids all fit). Anything else is replaced, not echoed.
 */
const WELL_FORMED = /^[A-Za-z0-9._~:+/=@-]{1,128}$/;
const CONTEXT = Symbol('ostiary.request');

export interface RequestContext {
  readonly requestId: string;
  readonly address: string;
  /** The client that made (or claimed to make) the request, once known. */
  clientId?: string | undefined;
  /** The account the request acted for, once known. */
  accountId?: string | undefined;
  /** The OAuth error code the request ended with (invalid_grant, ...), if any. */
  error?: string | undefined;
  /** The route's name (bounded, never the raw path): set by our own routes. */
  route?: string | undefined;
  /** The Koa context of a request oidc-provider handled (provider/keepProviderContext.ts). */
  provider?: KoaContextWithOIDC | undefined;
}

type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

/** Gives the request its id and address; call once, after pinIssuerHost. */
export function beginRequest(req: IncomingMessage, res: ServerResponse): RequestContext {
  const offered = req.headers['x-request-id'];
  const requestId = typeof offered === 'string' && WELL_FORMED.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const context: RequestContext = { requestId, address: clientAddress(req) };
  (req as WithContext)[CONTEXT] = context;
  return context;
}

/** The request's context; undefined for a request that never went through beginRequest. */
export function requestContextOf(req: IncomingMessage | undefined): RequestContext | undefined {
  return req ? (req as WithContext)[CONTEXT] : undefined;
}

/** What the request is known to have done by now: its route, client and account. */
export function requestOutcome(context: RequestContext) {
  const oidc = context.provider?.oidc;
  return {
    route: context.route ?? oidc?.route ?? (context.provider ? 'provider' : 'other'),
    clientId: context.clientId ?? oidc?.client?.clientId,
    accountId: context.accountId ?? oidc?.session?.accountId ?? oidc?.account?.accountId,
    error: context.error,
  };
}

/** The request's part of an audit entry: who asked, from where, in which request. */
export function auditFacts(context: RequestContext | undefined) {
  if (!context) return {};
  const { clientId, accountId } = requestOutcome(context);
  return { requestId: context.requestId, address: context.address, clientId, accountId };
}
