// Aligned columns for list commands: a header row, then one row per record, two spaces between
// columns. The last column is not padded so lines carry no trailing spaces.

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return [headers, ...rows].map(line).join('\n');
}
