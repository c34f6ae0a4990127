// A duration flag (--ttl 15m, --grace 1h) as seconds, or a UsageError naming the flag. The forms
// are the configuration's (config/parseDuration.ts).
import { parseDuration } from '../config/parseDuration.js';
import { UsageError } from './errors.js';

export function parseDurationOption(flag: string, value: string, { zero = false } = {}): number {
  const seconds = parseDuration(value, { zero });
  if (seconds === undefined) {
    const form = zero ? 'a duration such as 0s, 30m or 1h' : 'a positive number of seconds or a duration such as 15m';
    throw new UsageError(flag, `${form}, got "${value}"`);
  }
  return seconds;
}
