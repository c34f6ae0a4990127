// What the figures were measured on: they mean little without the machine, the runtime and the
// code they came from.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

const quietly = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

const versionOf = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

export function machineInfo() {
  const cores = cpus();
  const status = quietly('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    redis: quietly('redis-server', ['--version'])?.match(/v=(\S+)/)?.[1],
    oidcProvider: versionOf('oidc-provider'),
    autocannon: versionOf('autocannon'),
    commit: quietly('git', ['rev-parse', '--short', 'HEAD']),
    /** Tracked files changed since that commit. */
    dirty: status === undefined ? undefined : status.length > 0,
  };
}

export type MachineInfo = ReturnType<typeof machineInfo>;
