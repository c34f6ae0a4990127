// The interaction routes, in one place. Forms are urlencoded and small; anything larger or of
// another type is refused before a handler runs.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { abort } from './abort.js';
import { confirmConsent } from './confirmConsent.js';
import { forgotPassword } from './forgotPassword.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { login } from './login.js';
import { passkeySignIn } from './passkeySignIn.js';
import { secondFactor } from './secondStep.js';
import { showInteraction } from './showInteraction.js';
import { signUpPage } from './signUpPage.js';
import { switchAccount } from './switchAccount.js';

const FORM_LIMIT = '16kb'; // an email, a password of up to 1024 characters and a token fit easily

export function interactionRoutes(deps: InteractionDeps) {
  const router = new Router({ prefix: '/interaction/:uid' });
  const form = bodyParser({ enableTypes: ['form'], formLimit: FORM_LIMIT });
  router.get('/', showInteraction(deps));
  router.post('/login', form, login(deps));
  router.post('/confirm', form, confirmConsent(deps));
  router.post('/abort', form, abort(deps));
  router.post('/switch', form, switchAccount(deps, deps.basePath));
  router.post('/second-factor', form, secondFactor(deps));
  router.post('/passkey', form, passkeySignIn(deps));
  const signup = signUpPage(deps);
  router.get('/signup', signup.show);
  router.post('/signup', form, signup.create);
  const forgot = forgotPassword(deps);
  router.get('/forgot', forgot.show);
  router.post('/forgot', form, forgot.send);
  return router.routes();
}
