// The account page's routes, in one place: small urlencoded forms only.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { type AccountPageDeps, accountPage } from './accountPage.js';

const FORM_LIMIT = '16kb'; // three passwords of up to 1024 characters, or a passkey's answer (~1-2 kB)

export function accountRoutes(deps: AccountPageDeps) {
  const router = new Router({ prefix: '/account' });
  const form = bodyParser({ enableTypes: ['form'], formLimit: FORM_LIMIT });
  const page = accountPage(deps);
  router.get('/', page.show);
  router.get('/callback', page.callback);
  router.post('/password', form, page.changePassword);
  router.post('/apps/:clientId/revoke', form, page.revokeApp);
  router.post('/sessions/sign-out-others', form, page.signOutOthers);
  router.post('/verification', form, page.sendVerification);
  router.get('/totp', page.showTotpSetup);
  router.post('/totp', form, page.enrolTotp);
  router.post('/totp/remove', form, page.removeTotp);
  router.post('/passkeys', form, page.addPasskey);
  router.post('/passkeys/:id/remove', form, page.removePasskey);
  return router.routes();
}
