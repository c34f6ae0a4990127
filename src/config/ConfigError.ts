// Configuration values that cannot be used, all of them at once. Each problem names the setting
// (as an environment variable) and the form it expects, so the operator fixes everything in one
// go. `variable` and the message's first line are the first problem's.

export interface ConfigProblem {
  readonly variable: string;
  readonly expected: string;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid' as const;
  readonly problems: readonly ConfigProblem[];

  constructor(
    readonly variable: string,
    readonly expected: string,
    more: readonly ConfigProblem[] = [],
  ) {
    const problems = [{ variable, expected }, ...more];
    super(problems.map((problem) => `${problem.variable}: ${problem.expected}`).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }

  /** One `configuration error: VARIABLE: expected` line per problem, for a person. */
  lines(): string {
    return this.problems.map((problem) => `configuration error: ${problem.variable}: ${problem.expected}\n`).join('');
  }

  /** Throws them together, if there are any. */
  static throwIfAny(problems: readonly ConfigProblem[]): void {
    const [first, ...more] = problems;
    if (first) throw new ConfigError(first.variable, first.expected, more);
  }
}
