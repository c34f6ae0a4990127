// Where the CPU went, from V8 .cpuprofile files (npm run bench -- --cpu-prof writes them):
//   node --import tsx bench/profileSummary.ts <file.cpuprofile>... [--top N]
// Prints self time by package (oidc-provider, koa, jose, Ostiary's own dist/, node internals, GC)
// and the functions with the most self and total time.
//   node --import tsx bench/profileSummary.ts --diff <ours.cpuprofile>:<µs> <theirs.cpuprofile>:<µs>
// Sets two servers' profiles side by side, in microseconds per request: each function's share of
// its server's busy time times that server's CPU per request (the bench's "CPU µs/req"), sorted by
// what the first spends more than the second. Where one server's extra CPU per request goes.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The package (or area) a function belongs to. */
function areaOf({ url, functionName }: CallFrame): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1] as string;
  if (url.includes('/dist/')) return `ostiary ${url.slice(url.indexOf('/dist/') + 6).split('/')[0]}/`;
  return url;
}

/** A file name relative to node_modules (a dependency) or to the project (Ostiary's dist/). */
const shortUrl = (url: string) =>
  url.includes('/node_modules/') ? url.replace(/^.*\/node_modules\//, '') : url.replace(/^.*\/dist\//, 'dist/');

const label = ({ functionName, url, lineNumber }: CallFrame) =>
  `${functionName || '(anonymous)'}${url ? ` ${shortUrl(url)}:${lineNumber + 1}` : ''}`;

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

const top = (map: Map<string, number>, total: number, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([key, micros]) =>
        `  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`,
    )
    .join('\n');

interface Times {
  readonly total: number;
  readonly idle: number;
  readonly selfByArea: Map<string, number>;
  readonly selfByFunction: Map<string, number>;
  readonly totalByFunction: Map<string, number>;
}

function times(file: string): Times {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfByArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idle += micros;
      return;
    }
    total += micros;
    add(selfByArea, areaOf(node.callFrame), micros);
    add(selfByFunction, label(node.callFrame), micros);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      const name = label(frame);
      if (!seen.has(name)) {
        seen.add(name);
        add(totalByFunction, name, micros);
      }
    }
  });
  return { total, idle, selfByArea, selfByFunction, totalByFunction };
}

function summarize(file: string, count: number): string {
  const { total, idle, selfByArea, selfByFunction, totalByFunction } = times(file);
  return [
    `${file}: ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`,
    `self time by area:\n${top(selfByArea, total, count)}`,
    `self time by function:\n${top(selfByFunction, total, count)}`,
    `total time by function (with callees):\n${top(totalByFunction, total, count)}`,
  ].join('\n\n');
}

/** `file:µs` → each area's and function's self time in µs per request. */
function perRequest(argument: string) {
  const split = argument.lastIndexOf(':');
  const micros = Number(argument.slice(split + 1));
  if (split < 0 || !(micros > 0))
    throw new Error(`--diff: expected <file.cpuprofile>:<CPU µs per request>, got ${argument}`);
  const { total, selfByArea, selfByFunction } = times(argument.slice(0, split));
  const scale = (map: Map<string, number>) => new Map([...map].map(([key, value]) => [key, (value / total) * micros]));
  return { micros, areas: scale(selfByArea), functions: scale(selfByFunction) };
}

function diff(ours: string, theirs: string, count: number): string {
  const [a, b] = [perRequest(ours), perRequest(theirs)];
  const rows = (left: Map<string, number>, right: Map<string, number>, limit: number) => {
    const keys = [...new Set([...left.keys(), ...right.keys()])];
    const sorted = keys
      .map((key) => [key, left.get(key) ?? 0, right.get(key) ?? 0] as const)
      .sort((x, y) => y[1] - y[2] - (x[1] - x[2]));
    const line = ([key, x, y]: readonly [string, number, number]) =>
      `  ${x.toFixed(1).padStart(7)}  ${y.toFixed(1).padStart(7)}  ${(x - y >= 0 ? '+' : '') + (x - y).toFixed(1).padStart(6)}  ${key}`;
    return [...sorted.slice(0, limit).map(line), '  ...', ...sorted.slice(-Math.ceil(limit / 3)).map(line)].join('\n');
  };
  return [
    `µs of CPU per request: ${a.micros} (first) against ${b.micros} (second), ${(a.micros - b.micros).toFixed(0)} more`,
    `     first   second    diff  area\n${rows(a.areas, b.areas, 12)}`,
    `     first   second    diff  function (self time)\n${rows(a.functions, b.functions, count)}`,
  ].join('\n\n');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string' }, diff: { type: 'boolean' } },
});
const count = Number(values.top ?? 25);
if (values.diff && positionals.length === 2) {
  process.stdout.write(`${diff(positionals[0] as string, positionals[1] as string, count)}\n`);
} else if (positionals.length > 0 && !values.diff) {
  for (const file of positionals) process.stdout.write(`${summarize(file, count)}\n\n`);
} else {
  process.stderr.write(
    'usage: node --import tsx bench/profileSummary.ts <file.cpuprofile>... [--top N]\n' +
      '       node --import tsx bench/profileSummary.ts --diff <ours.cpuprofile>:<µs> <theirs.cpuprofile>:<µs> [--top N]\n',
  );
  process.exit(2);
}
