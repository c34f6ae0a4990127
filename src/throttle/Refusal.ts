// A throttled attempt: refused without being checked, with how long to wait (for Retry-After and
// for the sentence the person reads).
import { type Message, message, text } from '../i18n/translator.js';

export interface Refusal {
  /** Whole seconds, at least 1. */
  readonly retryAfterSeconds: number;
}

export const refusal = (retryAfterMs: number): Refusal => ({
  retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
});

/** "try again in 12 seconds", "try again in 3 minutes": what a person reads on a refused attempt. */
export function tryAgainIn({ retryAfterSeconds: seconds }: Refusal): string {
  if (seconds < 60) return `try again in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The sentence a refused attempt shows a person, wherever it is refused (a catalog message). */
export function tooManyAttempts({ retryAfterSeconds: seconds }: Refusal): Message {
  if (seconds < 60) {
    return seconds === 1
      ? text('common.too_many_attempts_second')
      : message('common.too_many_attempts_seconds', { count: seconds });
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1
    ? text('common.too_many_attempts_minute')
    : message('common.too_many_attempts_minutes', { count: minutes });
}
