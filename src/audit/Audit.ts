// The audit trail: one JSON line per security event (auditEvents.ts), who did it and how it ended.
// Callers record facts; the trail adds the time and writes the line, and its listeners (metrics)
// count it. An entry holds identifiers and reasons only: never a secret, token, code, password or
// email (a person who types a password into the email field must not find it in the trail).
import type { AuditEventName } from './auditEvents.js';

export interface AuditEntry {
  readonly event: AuditEventName;
  readonly outcome: 'success' | 'failure';
  /** A short machine-readable reason (`invalid_credentials`, `too_many_attempts`, ...). */
  readonly reason?: string | undefined;
  readonly requestId?: string | undefined;
  readonly accountId?: string | undefined;
  readonly clientId?: string | undefined;
  /** The client address of the request. */
  readonly address?: string | undefined;
  /** Who made a change: `cli:<os user>` or `client:<client id>` for the admin API. */
  readonly actor?: string | undefined;
  /** Identifiers the event is about (a resource URI, a key id, the fields that changed). */
  readonly details?: Readonly<Record<string, string | number | boolean | readonly string[]>> | undefined;
}

export interface Audit {
  record(entry: AuditEntry): void;
}

/** Writes each entry with its time, then tells every listener. */
export function createAudit(
  write: (line: Readonly<Record<string, unknown>>) => void,
  listeners: readonly ((entry: AuditEntry) => void)[] = [],
  now: () => number = Date.now,
): Audit {
  return {
    record(entry) {
      write({ time: new Date(now()).toISOString(), audit: true, ...entry });
      for (const listener of listeners) listener(entry);
    },
  };
}
