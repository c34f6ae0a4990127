// A configuration value that cannot be used. `variable` names the setting (as an environment
// variable) so the message tells the operator exactly what to fix.

export class ConfigError extends Error {
  readonly code = 'config_invalid' as const;

  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable}: ${expected}`);
    this.name = 'ConfigError';
  }
}
