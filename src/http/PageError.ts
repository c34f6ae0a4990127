// An error meant for a person: the error handler renders it as a page with this status, OAuth
// error code and sentence, in the person's language (or as OAuth JSON, in English, when the request
// is not for a page).
import { english } from '../i18n/english.js';
import type { Message } from '../i18n/translator.js';

export class PageError extends Error {
  readonly code = 'page_error' as const;

  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: Message,
  ) {
    super(english(description));
    this.name = 'PageError';
  }
}
