// The message catalogs stay complete: English and Korean hold the same keys, each text names the
// same values and carries the same markup, and every key a page or the code asks for exists. A
// page can then never show a key, or an English sentence inside a Korean page.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { LOCALES_DIR, loadCatalogs } from '../../src/i18n/loadCatalogs.js';
import { translator } from '../../src/i18n/translator.js';

const catalogs = loadCatalogs();
const english = catalogs.get('en') ?? new Map<string, string>();
const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map(([name]) => name).sort();
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)/g)].map(([tag]) => tag).sort();

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => join(dir, name));
}

test('English and Korean are the catalogs, one file per language', (t) => {
  t.deepEqual(readdirSync(LOCALES_DIR).sort(), ['en.json', 'ko.json']);
});

for (const [lang, catalog] of catalogs) {
  if (lang === 'en') continue;
  test(`${lang} has every English key and no other, with the same values and markup`, (t) => {
    t.deepEqual(
      [...english.keys()].filter((key) => !catalog.has(key)),
      [],
      'missing',
    );
    t.deepEqual(
      [...catalog.keys()].filter((key) => !english.has(key)),
      [],
      'not in English',
    );
    for (const [key, text] of english) {
      const translated = catalog.get(key) ?? '';
      t.deepEqual(placeholders(translated), placeholders(text), `${key}: the same {values}`);
      t.deepEqual(tags(translated), tags(text), `${key}: the same markup`);
      t.not(translated.trim(), '', `${key}: translated`);
    }
  });
}

test('every key the pages and the code name is in the English catalog', (t) => {
  const views = filesUnder(join(LOCALES_DIR, '../views'), '.eta').map((file) => readFileSync(file, 'utf8'));
  const code = filesUnder(join(LOCALES_DIR, '../src'), '.ts').map((file) => readFileSync(file, 'utf8'));
  // In templates every quoted dotted name is a key (it.t('login.title'), ternaries included).
  const inViews = views.flatMap((source) => [...source.matchAll(/'([a-z_]+\.[a-z_.-]+)'/g)].map((match) => match[1]));
  // In code a key is said through text('...') or message('...', ...).
  const inCode = code.flatMap((source) =>
    [...source.matchAll(/\b(?:text|message)\('([^']+)'/g)].map((match) => match[1]),
  );
  t.true(inViews.length > 100 && inCode.length > 50, 'the scan finds the keys');
  t.deepEqual(
    [...new Set([...inViews, ...inCode])].filter((key) => key && !english.has(key)),
    [],
  );
});

test('a value is escaped in markup text; a missing key falls back to English, then to itself', (t) => {
  const korean = translator(catalogs, 'ko');
  t.is(korean.th('verify.lead', { email: '<b>x</b>' }).includes('&lt;b&gt;x&lt;/b&gt;'), true);
  t.true(korean.th('verify.lead', { email: 'a' }).includes('<strong>'), 'the catalog’s own markup is kept');
  t.is(
    translator(
      new Map([
        ['en', new Map([['only.en', 'Only English']])],
        ['ko', new Map()],
      ]),
      'ko',
    ).t('only.en'),
    'Only English',
  );
  t.is(korean.t('not a key, the protocol’s own words'), 'not a key, the protocol’s own words');
});
