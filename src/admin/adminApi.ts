// The admin API at /admin/v1, as Koa middleware: each operation of the route table (routes/) is
// served in the same order of steps: authenticate the bearer token, check the operation's scope,
// validate the path, query and body with its schemas, run it as the calling client (audited as
// `client:<id>`), answer JSON. Every failure is a problem+json answer (problemFrom); nothing
// reaches the host's error pages. GET /admin/v1/openapi.json describes it, from the same table.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import type { VerificationDeps } from '../accounts/sendEmailVerification.js';
import type { Audit } from '../audit/Audit.js';
import type { AppConfig } from '../config/AppConfig.js';
import { requestContextOf } from '../http/requestContext.js';
import type { SignedOut } from '../logout/EndedAccess.js';
import type { Store } from '../store/Store.js';
import type { AdminRoute } from './AdminRoute.js';
import { ADMIN_PREFIX, adminResourceId } from './adminResource.js';
import type { AdminCaller } from './authenticateAdmin.js';
import { openApiDocument } from './openApiDocument.js';
import { Problem } from './Problem.js';
import { problemFrom } from './problemFrom.js';
import { clientRoutes } from './routes/clientRoutes.js';
import { keyRoutes } from './routes/keyRoutes.js';
import { resourceRoutes } from './routes/resourceRoutes.js';
import { userRoutes } from './routes/userRoutes.js';
import { runAdminRoute } from './runAdminRoute.js';

export const ADMIN_ROUTES: readonly AdminRoute[] = [userRoutes, clientRoutes, resourceRoutes, keyRoutes].flatMap(
  (routes) => Object.values(routes),
);
const JSON_LIMIT = '64kb'; // the largest body, a client with many URIs, is a few kilobytes

export interface AdminApiDeps {
  readonly store: Store;
  readonly config: AppConfig;
  readonly audit: Audit;
  readonly authenticate: (authorization: string | undefined) => Promise<AdminCaller>;
  readonly version: string;
  readonly mail: VerificationDeps;
  readonly signedOut: SignedOut;
}

function answerProblem(ctx: Context, problem: Problem) {
  ctx.status = problem.status;
  ctx.type = 'application/problem+json';
  ctx.body = problem.toJSON();
  if (problem.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="ostiary-admin"'); // RFC 6750 3
  const context = requestContextOf(ctx.req);
  if (context) context.error = problem.kind;
}

export function adminApi({ store, config, audit, authenticate, version, mail, signedOut }: AdminApiDeps): Middleware {
  const router = new Router({ prefix: ADMIN_PREFIX });
  const document = openApiDocument(ADMIN_ROUTES, {
    server: `${config.issuerId}${ADMIN_PREFIX}`,
    tokenUrl: `${config.issuerId}/token`,
    audience: adminResourceId(config.issuerId),
    version,
  });
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
  const json = bodyParser({ enableTypes: ['json'], jsonLimit: JSON_LIMIT, encoding: 'utf-8' });

  for (const route of ADMIN_ROUTES) {
    const koaPath = route.path.replaceAll(/\{(\w+)\}/g, ':$1');
    router[route.method](koaPath, async (ctx: Context) => {
      try {
        const caller = await authenticate(ctx.get('authorization') || undefined);
        const context = requestContextOf(ctx.req);
        if (context) context.clientId = caller.clientId;
        if (!caller.scopes.has(route.scope))
          throw new Problem('forbidden', `this operation needs the scope ${route.scope}`);
        let body: unknown;
        if (route.body) {
          if (!ctx.is('application/json'))
            throw new Problem('unsupported_media_type', 'send the body as application/json');
          await json(ctx, async () => {});
          body = (ctx.request as { body?: unknown }).body;
        }
        const change = { audit, actor: `client:${caller.clientId}`, requestId: context?.requestId };
        const result = await runAdminRoute(
          route,
          { params: ctx.params, query: ctx.query, body },
          { store, config, change, mail, signedOut },
        );
        ctx.status = route.response.status;
        if (route.response.status !== 204) ctx.body = result;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (!(error instanceof Problem) && status === 400) {
          answerProblem(ctx, new Problem('invalid_request', 'the body is not valid JSON'));
        } else if (!(error instanceof Problem) && status === 413) {
          answerProblem(ctx, new Problem('invalid_request', `the body is larger than ${JSON_LIMIT}`));
        } else {
          answerProblem(ctx, problemFrom(error));
        }
      }
    });
  }
  const routes = router.routes();
  return async function adminApiMiddleware(ctx: Context, next: Next) {
    if (ctx.path !== ADMIN_PREFIX && !ctx.path.startsWith(`${ADMIN_PREFIX}/`)) return next();
    ctx.set('Cache-Control', 'no-store');
    await routes(ctx as Parameters<typeof routes>[0], async () => {
      const allowed = router
        .match(ctx.path, ctx.method)
        .path.flatMap((layer) => layer.methods)
        .filter((method) => method !== 'HEAD');
      if (allowed.length) {
        ctx.set('Allow', [...new Set(allowed)].join(', '));
        answerProblem(
          ctx,
          new Problem('method_not_allowed', `${ctx.path} answers ${[...new Set(allowed)].join(', ')}`),
        );
        return;
      }
      answerProblem(
        ctx,
        new Problem('not_found', `no operation ${ctx.method} ${ctx.path}; see ${ADMIN_PREFIX}/openapi.json`),
      );
    });
  };
}
