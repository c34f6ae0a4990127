// Pages speak the person's language: the client's ui_locales for the whole sign-in, else the
// browser's Accept-Language, else English; discovery says which languages there are. Korean text
// is read from the Korean catalog, so the test checks the choice, not a copy of the words.
import test from 'ava';
import { loadCatalogs } from '../../src/i18n/loadCatalogs.js';
import { translator } from '../../src/i18n/translator.js';
import { openLoginPage, relyingParty } from '../helpers/relyingParty.js';
import { asPage as page } from '../helpers/UserAgent.js';
import { ADA, WEB_REDIRECT, world } from '../helpers/world.js';

const catalogs = loadCatalogs();
const ko = translator(catalogs, 'ko');
const en = translator(catalogs, 'en');
const heading = (html: string) => /<h1 id="page-title">([^<]*)<\/h1>/.exec(html)?.[1];

test('ui_locales=ko: every page of that sign-in is Korean, its errors too', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT, ui_locales: 'ko en' });
  t.regex(login.html, /<html lang="ko">/);
  t.is(heading(login.html), ko.t('login.title'));
  t.not(ko.t('login.title'), en.t('login.title'));
  const wrong = page(await agent.submit(login, '/login', { email: ADA.email, password: 'not her password' }));
  t.true(wrong.html.includes(ko.t('login.failed')), 'the refusal in Korean');
  const consent = page(await agent.submit(wrong, '/login', { email: ADA.email, password: ADA.password }));
  t.regex(consent.html, /<html lang="ko">/);
  t.true(consent.html.includes(ko.t('permission.openid')), 'what the client asks for, in Korean');
});

test('without ui_locales the browser’s Accept-Language decides; ui_locales overrides it', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const rp = await relyingParty(w.op.url, w.web);
  const plain = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT });
  t.regex(plain.page.html, /<html lang="en">/, 'no wish: English');
  const korean = page(
    await plain.agent.navigate(plain.page.url, { headers: { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' } }),
  );
  t.is(heading(korean.html), ko.t('login.title'));
  const asked = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT, ui_locales: 'en' });
  const stillEnglish = page(await asked.agent.navigate(asked.page.url, { headers: { 'accept-language': 'ko' } }));
  t.is(heading(stillEnglish.html), en.t('login.title'));
});

test('error pages speak Korean to a Korean browser; discovery lists the languages', async (t) => {
  const w = await world();
  t.teardown(() => w.op.stop());
  const unknownClient = await fetch(`${w.op.url}/auth?client_id=nobody&response_type=code&scope=openid`, {
    headers: { 'accept-language': 'ko' },
  });
  const html = await unknownClient.text();
  t.is(unknownClient.status, 400);
  t.true(html.includes(ko.t('oauth.invalid_client')));
  t.regex(html, /<html lang="ko">/);
  const expired = await fetch(`${w.op.url}/interaction/nothing-here`, { headers: { 'accept-language': 'ko' } });
  t.true((await expired.text()).includes(ko.t('error.interaction_expired')));
  const discovery = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as Record<
    string,
    unknown
  >;
  t.deepEqual(discovery.ui_locales_supported, ['en', 'ko']);
});
