// Starts the real server (src/main.ts) as a child process, the way an operator runs it, and waits
// until every worker listens. Its stdout lines (log and audit) are kept, parsed; stop() sends a
// signal and resolves with the exit code. Every process dies with the test process.
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './freePort.js';

const TSX = import.meta.resolve('tsx');
const STARTED_WITHIN_MS = 20_000;
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly lines: Record<string, unknown>[];
  readonly stderr: () => string;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const workers = env.WORKERS ? Number(env.WORKERS) : 1;
  const child = spawn(process.execPath, ['--import', TSX, 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
  });
  live.add(child);
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      live.delete(child);
      resolve(code);
    }),
  );
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), STARTED_WITHIN_MS);
    void exited.then((code) => reject(new Error(`the server exited ${code} before listening: ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const text of complete) {
        if (text.trim()) lines.push(JSON.parse(text) as Record<string, unknown>);
      }
      if (lines.filter((line) => line.msg === 'Ostiary is listening').length >= workers) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await listening;
  return {
    url: `http://localhost:${port}`,
    port,
    lines,
    stderr: () => stderr,
    exited,
    stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}
