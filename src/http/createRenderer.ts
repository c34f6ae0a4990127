// Renders the templates in views/ with Eta, in the language the request asks for (pickLocale):
// every word comes from the message catalogs through `it.t` (plain text) and `it.th` (a catalog
// text with its own markup, values escaped). `<%= %>` escapes HTML (autoEscape), so every reflected
// value is safe by default; `<%~ %>` is kept for markup we built ourselves.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { Catalogs } from '../i18n/loadCatalogs.js';
import { loadCatalogs } from '../i18n/loadCatalogs.js';
import { pickLocale } from '../i18n/pickLocale.js';
import { translator } from '../i18n/translator.js';
import type { BrandView } from './brandAssets.js';

/** What a request says about its language: OpenID Connect's ui_locales, then Accept-Language. */
export interface LanguageWish {
  readonly uiLocales?: unknown;
  readonly acceptLanguage?: string | undefined;
}

export type Render = (view: string, data: Record<string, unknown>, wish?: LanguageWish) => string;

export const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

const DEFAULT_BRAND: BrandView = { name: 'Ostiary', logo: undefined, css: undefined };

/**
 * `base` is the path every route is served under ('' or such as '/id'): templates prefix links with
 * it. `brand` is what the layout shows (the name, the logo and colours' asset paths).
 */
export function createRenderer(
  viewsDir: string = VIEWS_DIR,
  base = '',
  brand: BrandView = DEFAULT_BRAND,
  catalogs: Catalogs = loadCatalogs(),
): Render {
  const eta = new Eta({ views: viewsDir, autoEscape: true, autoTrim: false, cache: true });
  const languages = [...catalogs.keys()];
  const translators = new Map(languages.map((lang) => [lang, translator(catalogs, lang)]));
  return (view, data, wish = {}) => {
    const lang = pickLocale(wish.uiLocales, wish.acceptLanguage, languages);
    return eta.render(`./${view}`, { base, brand, ...translators.get(lang), ...data });
  };
}
