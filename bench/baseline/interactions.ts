// The baseline's login and consent: a trivial interaction handler for one fixed user. The password
// check is a plain string comparison (no hashing, no throttling, no CSRF): the cheapest login a
// hand-written host can have, which is what Ostiary's argon2id login is compared with.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { ACCOUNT_ID } from './configuration.js';
import type { BenchFixtures } from './fixtures.js';

const loginPage = (uid: string, error = '') =>
  `<!doctype html><title>Sign in</title>${error}<form method="post" action="/interaction/${uid}/login">` +
  '<input name="email"><input name="password" type="password"><button>Sign in</button></form>';

const consentPage = (uid: string) =>
  `<!doctype html><title>Allow</title><form method="post" action="/interaction/${uid}/confirm">` +
  '<button>Allow</button></form>';

type Missing = {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
};

export function interactions(provider: Provider, { user }: BenchFixtures) {
  const router = new Router();
  const form = bodyParser({ enableTypes: ['form'] });

  const finish = async (ctx: Context, result: Parameters<Provider['interactionResult']>[2]) => {
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  };

  router.get('/interaction/:uid', async (ctx) => {
    const { uid, prompt } = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = 'html';
    ctx.body = prompt.name === 'login' ? loginPage(uid) : consentPage(uid);
  });

  router.post('/interaction/:uid/login', form, async (ctx) => {
    const { uid } = await provider.interactionDetails(ctx.req, ctx.res);
    const { email, password } = ctx.request.body as Record<string, string>;
    if (email !== user.email || password !== user.password) {
      ctx.status = 401;
      ctx.type = 'html';
      ctx.body = loginPage(uid, '<p>Invalid email or password</p>');
      return;
    }
    await finish(ctx, { login: { accountId: ACCOUNT_ID } });
  });

  router.post('/interaction/:uid/confirm', form, async (ctx) => {
    const { prompt, params, session, grantId } = await provider.interactionDetails(ctx.req, ctx.res);
    const missing = prompt.details as Missing;
    const grant =
      (grantId ? await provider.Grant.find(grantId) : undefined) ??
      new provider.Grant({ accountId: session?.accountId, clientId: params.client_id as string });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    await finish(ctx, { consent: { grantId: await grant.save() } });
  });

  return router.routes();
}
