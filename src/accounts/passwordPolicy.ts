// What a password must be (NIST SP 800-63B 3.1.1.2): at least 8 characters after Unicode NFKC
// normalisation, so the same password typed on different keyboards hashes the same, and not
// guessable: zxcvbn must rate it at least 3 of 4 (more than 10^8 guesses), which refuses common
// and breached passwords, dictionary words, repetitions and the account's own email or name. No
// composition rules. Long passwords are welcome; the cap only keeps one hash from being a denial
// of service.
import { passwordStrength } from './passwordStrength.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's "safely unguessable": survives an online attack and slows an offline one on argon2id. */
export const MIN_PASSWORD_SCORE = 3;
/** The service's own name: a password built on it is a guessable one. */
const SERVICE_WORDS = ['ostiary'];

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Length alone: checked before anything else, and cheap enough for every request. */
export function passwordLengthProblem(password: string): string | undefined {
  const length = [...normalizePassword(password)].length;
  if (length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

/**
 * Undefined when acceptable, else a sentence saying why not and what would do.
 * @param context what the account is known by (email, name): a password must not lean on it
 */
export async function passwordProblem(password: string, context: readonly string[] = []): Promise<string | undefined> {
  const lengthProblem = passwordLengthProblem(password);
  if (lengthProblem) return lengthProblem;
  const words = context.flatMap((value) => [value, ...value.split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length > 2);
  const strength = await passwordStrength(normalizePassword(password), [...words, ...SERVICE_WORDS]);
  if (strength.score >= MIN_PASSWORD_SCORE) return undefined;
  const why = strength.warning ?? 'This password is easy to guess.';
  const hint = strength.suggestions[0] ?? 'A few uncommon words together make a strong password.';
  return `too easy to guess: ${why.replace(/\.$/, '')}. ${hint}`;
}
