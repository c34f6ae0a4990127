// The routes mailed links open, in one place: small urlencoded forms only.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { type LinkPagesDeps, linkPages } from './linkPages.js';

const FORM_LIMIT = '8kb'; // a token, a CSRF token and two passwords of up to 1024 characters

export function selfServiceRoutes(deps: LinkPagesDeps) {
  const router = new Router();
  const form = bodyParser({ enableTypes: ['form'], formLimit: FORM_LIMIT });
  const pages = linkPages(deps);
  router.get('/reset-password', pages.showReset);
  router.post('/reset-password', form, pages.reset);
  router.get('/verify-email', pages.showVerify);
  router.post('/verify-email', form, pages.verify);
  return router.routes();
}
