// Which language a page is in: ui_locales first (the client's choice), then Accept-Language by its
// q-values, a regional tag served by its language, else English.
import test from 'ava';
import { pickLocale } from '../../src/i18n/pickLocale.js';

const LANGUAGES = ['en', 'ko'];

test('ui_locales wins over Accept-Language, in its own order', (t) => {
  t.is(pickLocale('ko en', 'en-US,en;q=0.9', LANGUAGES), 'ko');
  t.is(pickLocale('fr-CA en', 'ko', LANGUAGES), 'en', 'the first one spoken here');
  t.is(pickLocale('fr', 'ko-KR,ko;q=0.9', LANGUAGES), 'ko', 'none spoken: the browser decides');
});

test('Accept-Language is read by preference, a region falls back to its language', (t) => {
  t.is(pickLocale(undefined, 'fr;q=0.9, ko-KR;q=0.8, en;q=0.5', LANGUAGES), 'ko');
  t.is(pickLocale(undefined, 'en;q=0.1, ko', LANGUAGES), 'ko', 'q defaults to 1');
  t.is(pickLocale(undefined, 'ko;q=0, *', LANGUAGES), 'en', 'q=0 means not this one');
  t.is(pickLocale(undefined, undefined, LANGUAGES), 'en');
  t.is(pickLocale(['ko'], 'garbage;;;q=x', LANGUAGES), 'en', 'odd input is no crash');
});
