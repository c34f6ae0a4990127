// Durations in configuration: plain seconds ("900") or a number with a unit suffix
// ("30s", "15m", "2h", "90d"). Returns whole seconds; rejects anything else.

const UNIT_SECONDS = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 } as const;

export function parseDuration(value: string): number | undefined {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(value);
  if (!match) return undefined;
  const [, amount, unit] = match;
  const seconds = Number(amount) * UNIT_SECONDS[(unit || 's') as keyof typeof UNIT_SECONDS];
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}
