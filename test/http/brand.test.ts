// The operator's brand on every page: BRAND_NAME in titles and on the card, BRAND_LOGO served from
// our own origin (an SVG may run nothing when opened on its own), BRAND_COLOR as a linked stylesheet
// with readable button text; the pages' CSP stays as strict. Bad values stop startup naming them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { openLoginPage, relyingParty } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { tempDir } from '../helpers/tempDir.js';
import { WEB_REDIRECT } from '../helpers/world.js';

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

test('the login page wears the brand: name, logo and colour, all from our own origin', async (t) => {
  const dir = tempDir('brand');
  const logo = join(dir, 'acme.svg');
  writeFileSync(logo, LOGO);
  const op = await startOstiary({ BRAND_NAME: 'Acme Sign-in', BRAND_LOGO: logo, BRAND_COLOR: '#FFD700' });
  t.teardown(() => op.stop());
  const web = await admin<RegisteredClient>(op.store, 'client', 'add', '--name', 'Web', '--redirect-uri', WEB_REDIRECT);
  const { page } = await openLoginPage(await relyingParty(op.url, web), { redirect_uri: WEB_REDIRECT });
  t.regex(page.html, /<title>Sign in · Acme Sign-in<\/title>/);
  t.regex(page.html, /<img class="logo" src="\/assets\/brand-logo\.svg" alt="Acme Sign-in">/);
  t.regex(page.html, /<link rel="stylesheet" href="\/assets\/brand\.css">/);
  t.notRegex(page.html, /Ostiary/);
  t.notRegex(page.headers.get('content-security-policy') ?? '', /unsafe-inline/);

  const css = await fetch(`${op.url}/assets/brand.css`);
  t.regex(await css.text(), /--accent: #ffd700; --accent-fg: #111111;/, 'dark text on a light accent');
  const svg = await fetch(`${op.url}/assets/brand-logo.svg`);
  t.is(svg.headers.get('content-type'), 'image/svg+xml');
  t.regex(svg.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
  t.is(await svg.text(), LOGO);
});

test('without a brand the pages say Ostiary and link no brand assets', async (t) => {
  const op = await startOstiary();
  t.teardown(() => op.stop());
  t.is((await fetch(`${op.url}/assets/brand.css`)).status, 404);
  const web = await admin<RegisteredClient>(op.store, 'client', 'add', '--name', 'Web', '--redirect-uri', WEB_REDIRECT);
  const { page } = await openLoginPage(await relyingParty(op.url, web), { redirect_uri: WEB_REDIRECT });
  t.regex(page.html, /<title>Sign in · Ostiary<\/title>/);
  t.regex(page.html, /<p class="brand">Ostiary<\/p>/);
});

test('a missing or oversized logo, a logo of another type, and a colour that is not one stop startup naming them', (t) => {
  const dir = tempDir('brand-bad');
  const big = join(dir, 'big.png');
  writeFileSync(big, Buffer.alloc(300 * 1024));
  const problems = (settings: Record<string, string>) => {
    const error = t.throws(() => loadConfig(settings), { instanceOf: ConfigError });
    return error?.problems.map((problem) => `${problem.variable}: ${problem.expected}`).join('\n') ?? '';
  };
  t.regex(problems({ BRAND_LOGO: join(dir, 'none.svg') }), /^BRAND_LOGO: a readable image file/m);
  t.regex(problems({ BRAND_LOGO: big }), /^BRAND_LOGO: an image of at most 256 KB/m);
  t.regex(problems({ BRAND_LOGO: join(dir, 'logo.gif') }), /^BRAND_LOGO: an image file: \.svg, \.png/m);
  t.regex(problems({ BRAND_COLOR: 'red' }), /^BRAND_COLOR: a colour as #rgb or #rrggbb/m);
  t.regex(problems({ BRAND_NAME: '<script>' }), /^BRAND_NAME: a name of 1 to 60 characters/m);
});
