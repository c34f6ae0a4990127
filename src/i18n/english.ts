// The English text of a message, for the places that answer in the protocol's language rather than
// the person's (an error's JSON error_description). The catalogs are read on first use.
import { loadCatalogs } from './loadCatalogs.js';
import { type Translate, translator } from './translator.js';

let translate: Translate | undefined;

export const english: Translate = (message, params) => {
  translate ??= translator(loadCatalogs(), 'en').t;
  return translate(message, params);
};
