// Where audit lines go: appended to AUDIT_LOG (created 0600, its folder if need be), or to stdout
// beside the log lines, marked `"audit": true` either way. Audit lines do not depend on LOG_LEVEL.
import { destination } from 'pino';

export interface AuditDestination {
  readonly write: (line: Readonly<Record<string, unknown>>) => void;
  /** Writes out what is buffered; call before the process exits. */
  readonly flush: () => void;
}

export function auditDestination(file: string | undefined): AuditDestination {
  if (file === undefined) {
    return {
      write: (line) => process.stdout.write(`${JSON.stringify(line)}\n`),
      flush: () => {},
    };
  }
  const out = destination({ dest: file, append: true, mkdir: true, mode: 0o600, sync: false });
  return {
    write: (line) => out.write(`${JSON.stringify(line)}\n`),
    flush: () => {
      try {
        out.flushSync();
      } catch {
        // not open yet, or nothing to write: the lines written so far are on disk
      }
    },
  };
}
