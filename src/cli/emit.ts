// How a command prints its result: with --json exactly one JSON object (for scripts), otherwise
// the text built by `text` (for people). Both go to stdout; notes and errors go to stderr.
import type { CliDeps } from './CliDeps.js';

export function emit(deps: CliDeps, json: boolean | undefined, value: object, text: () => string): void {
  deps.out(`${json ? JSON.stringify(value, null, 2) : text()}\n`);
}
