// `--claims roles,groups,department` as a list (spaces allowed around the commas).

export function claimList(value: string): string[] {
  return value
    .split(',')
    .map((claim) => claim.trim())
    .filter(Boolean);
}
