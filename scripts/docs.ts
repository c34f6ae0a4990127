// The parts of the docs that are generated from the code, so they cannot drift: each lives between
// `<!-- NAME:start -->` and `<!-- NAME:end -->` in a Markdown file. `npm run docs` rewrites them;
// test/docs/generatedDocs.test.ts fails when a file differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AUDIT_EVENTS } from '../src/audit/auditEvents.js';
import { SETTING_DOCS } from '../src/config/settingDocs.js';

export interface GeneratedBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  readonly name: string;
  readonly render: () => string;
}

function auditEventsTable(): string {
  const rows = Object.entries(AUDIT_EVENTS).map(([event, meaning]) => `| \`${event}\` | ${meaning} |`);
  return ['| Event | When |', '| --- | --- |', ...rows].join('\n');
}

function settingsTable(): string {
  const rows = Object.entries(SETTING_DOCS).map(
    ([name, doc]) =>
      `| \`${name}\` | ${doc.default === undefined ? doc.defaultText : `\`${doc.default}\``} | ${doc.meaning} |`,
  );
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export const GENERATED: readonly GeneratedBlock[] = [
  { file: 'docs/metrics-and-audit.md', name: 'audit-events', render: auditEventsTable },
  { file: 'docs/configuration.md', name: 'settings', render: settingsTable },
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The file's text with the block replaced by what the code says now. */
export function withBlock(text: string, block: GeneratedBlock): string {
  const start = `<!-- ${block.name}:start -->`;
  const end = `<!-- ${block.name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${block.file} has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${block.render()}\n${text.slice(to)}`;
}

export function readDoc(file: string): string {
  return readFileSync(`${ROOT}${file}`, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const block of GENERATED) {
    const text = readDoc(block.file);
    const next = withBlock(text, block);
    if (next !== text) {
      writeFileSync(`${ROOT}${block.file}`, next);
      process.stdout.write(`updated ${block.name} in ${block.file}\n`);
    }
  }
}
