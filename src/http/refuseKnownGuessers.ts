// Answers a sign-in (POST /interaction/:uid/login) from an address this instance already knows to
// be over its per-address limit (loginThrottle.knownRefusal) straight from node:http, before Koa,
// the body parser or the store: the same login page with the same 429 and Retry-After the login
// route would send, at a fraction of the cost. A flood of guesses from a throttled address then
// leaves the event loop to everyone else. Returns false for every other request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignIn } from '../accounts/signIn.js';
import type { Csrf } from '../interactions/csrf.js';
import type { LoginOffers } from '../interactions/loginOffers.js';
import { tooManyAttempts } from '../throttle/Refusal.js';
import { clientAddress } from './clientAddress.js';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';
import type { Render } from './createRenderer.js';

const SIGN_IN = /^\/interaction\/([A-Za-z0-9_-]{1,64})\/login$/;

export function refuseKnownGuessers(
  signIn: Pick<SignIn, 'knownRefusal'>,
  csrf: Pick<Csrf, 'token'>,
  render: Render,
  /** Told of each refusal (a count: a flood is not audited line by line, its first refusal is). */
  refused: () => void,
  /** What the login page offers besides signing in. */
  offers: LoginOffers = { canReset: false, canSignUp: false },
) {
  const csp = contentSecurityPolicy();
  return function refuseKnownGuesser(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST') return false;
    const uid = SIGN_IN.exec(req.url ?? '')?.[1];
    const refusal = uid && signIn.knownRefusal(clientAddress(req));
    if (!uid || !refusal) return false;
    refused();
    const data = { uid, error: tooManyAttempts(refusal), csrf: csrf.token(uid), ...offers };
    const body = render('login', data, { acceptLanguage: req.headers['accept-language'] });
    res.writeHead(429, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'retry-after': String(refusal.retryAfterSeconds),
    });
    res.end(body); // the unread form is discarded by node:http
    return true;
  };
}
