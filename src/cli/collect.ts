// Commander option parser for flags that may be repeated (`--grant a --grant b`): each use adds a
// value. The option stays undefined when the flag is absent, so help shows no "(default: [])".

export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}
