// Hands the request to oidc-provider (its own Koa app) when no route of ours matched. The
// provider is looked up per request, so a rebuilt instance (after a key rotation) takes new
// requests while requests in flight finish on the old one.
import type { Context } from 'koa';
import type Provider from 'oidc-provider';

export function delegateToProvider(provider: () => Provider) {
  const handlers = new WeakMap<Provider, ReturnType<Provider['callback']>>();
  return async function delegateToProviderMiddleware(ctx: Context) {
    const current = provider();
    let handle = handlers.get(current);
    if (!handle) {
      handle = current.callback();
      handlers.set(current, handle);
    }
    ctx.respond = false;
    await handle(ctx.req, ctx.res);
  };
}
