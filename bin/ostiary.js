#!/usr/bin/env node
// The `ostiary` command. In a checkout (right after `npm install`, built or not) it runs the
// sources through tsx, so it is never older than they are; in the production image, which holds
// no sources, the compiled CLI. Its composition root is src/cli/main.ts.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
