// One record as `name  value` lines (client add, client show): arrays are joined with spaces,
// empty arrays print as "-", so every field the record has is visible.

export function formatFields(record: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(record).filter(([, value]) => value !== undefined);
  const width = Math.max(...entries.map(([name]) => name.length));
  const show = (value: unknown) =>
    Array.isArray(value)
      ? value.length
        ? value.join(' ')
        : '-'
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  return entries.map(([name, value]) => `${name.padEnd(width)}  ${show(value)}`).join('\n');
}
