// Provider middleware, first in line: gives the request's context (http/requestContext.ts) the Koa
// context oidc-provider works in, so that once the response is finished the request's log line
// and metrics can read what the provider learnt: the route, the client, the account. Synchronous:
// it adds nothing to a request's work but one property.
import type { KoaContextWithOIDC } from 'oidc-provider';
import { requestContextOf } from '../http/requestContext.js';

export function keepProviderContext(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  const context = requestContextOf(ctx.req);
  if (context) context.provider = ctx;
  return next();
}
