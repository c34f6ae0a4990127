// Where audit lines go: appended to AUDIT_LOG (created 0600, its folder if need be), or else to a
// stream: the server's stdout beside its log lines, the `ostiary` command's stderr (its stdout is
// its answer). Marked `"audit": true` either way; they do not depend on LOG_LEVEL. The command
// writes synchronously (a few lines, on disk before it returns); the server does not wait.
import { destination } from 'pino';

export interface AuditDestination {
  readonly write: (line: Readonly<Record<string, unknown>>) => void;
  /** Writes out what is buffered; call before the process exits. */
  readonly flush: () => void;
}

export function auditDestination(
  file: string | undefined,
  stream: { write(text: string): unknown } = process.stdout,
  { sync = false } = {},
): AuditDestination {
  if (file === undefined) {
    return {
      write: (line) => stream.write(`${JSON.stringify(line)}\n`),
      flush: () => {},
    };
  }
  // Opened at the first line: a command that changes nothing leaves no file behind.
  let out: ReturnType<typeof destination> | undefined;
  return {
    write: (line) => {
      out ??= destination({ dest: file, append: true, mkdir: true, mode: 0o600, sync });
      out.write(`${JSON.stringify(line)}\n`);
    },
    flush: () => {
      try {
        out?.flushSync();
      } catch {
        // not open yet, or nothing to write: the lines written so far are on disk
      }
    },
  };
}
