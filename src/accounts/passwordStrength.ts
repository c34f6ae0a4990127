// How guessable a password is, by zxcvbn-ts with its common-password list (about 30,000 leaked
// passwords) and the English dictionaries of names and words. It recognises what NIST SP 800-63B
// 3.1.1.2 asks a verifier to refuse: breached and common passwords, dictionary words, repeated or
// sequential characters, and words tied to the account or the service. The dictionaries take
// about 300 ms and 45 MiB to load, so they load on the first check, not at startup.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface Strength {
  /** 0 (guessable in under 1,000 tries) to 4 (over 10^10). */
  readonly score: 0 | 1 | 2 | 3 | 4;
  /** A sentence saying what makes it weak, when zxcvbn knows. */
  readonly warning: string | undefined;
  readonly suggestions: readonly string[];
}

let estimator: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, english] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
}

/** `context`: words the password must not lean on (the email, the name, the service's name). */
export async function passwordStrength(password: string, context: readonly string[]): Promise<Strength> {
  estimator ??= load();
  const result = (await estimator).check(password, [...context]);
  return {
    score: result.score,
    warning: result.feedback.warning ?? undefined,
    suggestions: result.feedback.suggestions,
  };
}
