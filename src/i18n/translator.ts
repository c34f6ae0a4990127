// Words on pages come from the message catalogs (locales/<language>.json), by key. A sentence that
// code decides (an error, a notice) travels as a Message: its key and the values it names. `{name}`
// in a catalog's text is replaced by that value. A key the language lacks falls back to English,
// so a page never shows a key to a person (a test keeps the catalogs complete).
import type { Catalogs } from './loadCatalogs.js';

export type Message = string | { readonly key: string; readonly params?: Readonly<Record<string, string | number>> };

/** A catalog key, said where code picks a sentence (a test checks every one exists in the catalogs). */
export const text = (key: string): Message => key;

/** A catalog key with values, such as `message('common.weak_password', { why })`. */
export const message = (key: string, params: Readonly<Record<string, string | number>>): Message => ({ key, params });

export type Translate = (text: Message, params?: Readonly<Record<string, string | number>>) => string;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);

export interface Translator {
  /** The language the page is in, as <html lang> says it. */
  readonly lang: string;
  /** Plain text (templates escape it). */
  readonly t: Translate;
  /**
   * Text with the catalog's own markup (such as <strong>) kept and every value escaped, for
   * `<%~ %>`. Catalogs are ours; values (a client's name, an email) never are.
   */
  readonly th: Translate;
}

export function translator(catalogs: Catalogs, lang: string): Translator {
  const own = catalogs.get(lang) ?? new Map<string, string>();
  const english = catalogs.get('en') ?? new Map<string, string>();
  const lookup = (key: string) => own.get(key) ?? english.get(key) ?? key;
  const fill = (text: Message, extra: Readonly<Record<string, string | number>> | undefined, html: boolean) => {
    const { key, params } = typeof text === 'string' ? { key: text, params: undefined } : text;
    const values = { ...params, ...extra };
    const template = lookup(key);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (!Object.hasOwn(values, name)) return whole;
      const value = String(values[name]);
      return html ? escapeHtml(value) : value;
    });
  };
  return {
    lang,
    t: (text, params) => fill(text, params, false),
    th: (text, params) => fill(text, params, true),
  };
}
