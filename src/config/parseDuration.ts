// Durations in configuration: plain seconds ("900") or a number with a unit suffix
// ("30s", "15m", "2h", "90d"). Returns whole seconds; rejects anything else, and zero unless the
// setting allows it (a grace period that may be off, such as REFRESH_TOKEN_REUSE_INTERVAL).

const UNIT_SECONDS = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 } as const;

export function parseDuration(value: string, { zero = false } = {}): number | undefined {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(value);
  if (!match) return undefined;
  const [, amount, unit] = match;
  const seconds = Number(amount) * UNIT_SECONDS[(unit || 's') as keyof typeof UNIT_SECONDS];
  return Number.isSafeInteger(seconds) && (seconds > 0 || (zero && seconds === 0)) ? seconds : undefined;
}
