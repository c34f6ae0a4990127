// An account's attributes as the command line prints them: `key=value`, in key order.

export function attributePairs(attributes: Readonly<Record<string, string>>): string[] {
  return Object.entries(attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
}
