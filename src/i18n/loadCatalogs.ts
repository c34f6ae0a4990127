// Reads the message catalogs once at startup: locales/<language>.json, each a flat object of key to
// text. English ('en') is the reference every other language is checked against (by a test) and
// falls back to.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Catalogs = ReadonlyMap<string, ReadonlyMap<string, string>>;

export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

let shipped: Catalogs | undefined;

/** The catalogs in `dir`; the shipped ones (locales/) are read once per process. */
export function loadCatalogs(dir: string = LOCALES_DIR): Catalogs {
  if (dir === LOCALES_DIR) {
    shipped ??= readCatalogs(dir);
    return shipped;
  }
  return readCatalogs(dir);
}

function readCatalogs(dir: string): Catalogs {
  const catalogs = new Map<string, ReadonlyMap<string, string>>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const entries = Object.entries(parsed as Record<string, unknown>);
    const bad = entries.find(([, text]) => typeof text !== 'string');
    if (bad) throw new Error(`${file}: "${bad[0]}" is not a string`);
    catalogs.set(basename(file, '.json'), new Map(entries as [string, string][]));
  }
  if (!catalogs.has('en')) throw new Error(`no English catalog (en.json) in ${dir}`);
  return catalogs;
}
