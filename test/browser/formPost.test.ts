// response_mode=form_post in Chromium: after sign-in the provider answers with a page that posts
// the code to the client's redirect URI. Its CSP allows exactly that origin as a form target, so
// the browser delivers the code and reports no violation.
import test from 'ava';
import * as oidc from 'openid-client';
import { chromiumForFile } from '../helpers/browser.js';
import { relyingParty } from '../helpers/relyingParty.js';
import { WEB_REDIRECT, type World, world } from '../helpers/world.js';
import { signInAndAllow } from './signInSteps.js';
import { WEB_ORIGIN } from './webApp.js';

const openTab = chromiumForFile(test);
let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

test('a form_post response reaches the client as a POST of code, state and iss, within the page CSP', async (t) => {
  const tab = await openTab(t);
  const { page, context } = tab;
  const posted: { method: string; body: string }[] = [];
  await context.route(`${WEB_ORIGIN}/**`, async (route) => {
    posted.push({ method: route.request().method(), body: route.request().postData() ?? '' });
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>client</title><p>ok' });
  });
  const formPostCsp: string[] = [];
  page.on('response', async (response) => {
    // The page that posts the code: the answer of the resumed authorization request.
    const resumed = new URL(response.url()).pathname.startsWith('/auth/') && response.status() === 200;
    if (resumed) formPostCsp.push((await response.headerValue('content-security-policy')) ?? '');
  });

  const rp = await relyingParty(w.op.url, w.web);
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: WEB_REDIRECT,
    scope: 'openid email',
    response_mode: 'form_post',
    state: 'posted-state',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  await signInAndAllow(page, url.href);
  await page.waitForURL(WEB_REDIRECT);

  t.is(posted.length, 1);
  t.is(posted[0]?.method, 'POST');
  const form = new URLSearchParams(posted[0]?.body);
  t.is(form.get('state'), 'posted-state');
  t.is(form.get('iss'), w.op.url);
  t.truthy(form.get('code'));
  t.deepEqual(tab.cspViolations(), []);
  t.is(formPostCsp.length, 1);
  t.regex(formPostCsp[0] ?? '', new RegExp(`form-action 'self' ${WEB_ORIGIN}(;|$)`), 'that origin and nothing else');

  const callback = new URL(`${WEB_REDIRECT}?${form}`);
  const tokens = await oidc.authorizationCodeGrant(rp, callback, {
    pkceCodeVerifier: verifier,
    expectedState: 'posted-state',
  });
  t.truthy(tokens.id_token);
});
