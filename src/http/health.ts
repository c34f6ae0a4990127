// GET /healthz: the process is alive. GET /readyz: the store answers, so requests that need
// state can succeed and the instance is not shutting down; load balancers take an instance out
// of rotation while it says 503.
import type { Context, Next } from 'koa';
import type { Store } from '../store/Store.js';

export function health(store: Store, draining: () => boolean) {
  return async function healthMiddleware(ctx: Context, next: Next) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/healthz') {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { status: 'ok' };
      return undefined;
    }
    if (ctx.path === '/readyz') {
      ctx.set('Cache-Control', 'no-store');
      if (draining()) {
        ctx.status = 503;
        ctx.body = { status: 'shutting down', store: store.kind };
        return undefined;
      }
      try {
        await store.ping();
        ctx.body = { status: 'ready', store: store.kind };
      } catch {
        ctx.status = 503;
        ctx.body = { status: 'unavailable', store: store.kind };
      }
      return undefined;
    }
    return next();
  };
}
