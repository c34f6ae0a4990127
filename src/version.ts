// Ostiary's version, from package.json (beside dist/ in the image, beside src/ in a checkout).
import { readFileSync } from 'node:fs';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
