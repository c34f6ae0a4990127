// Who is changing something (an account, a client, an API, the keys), and where that is audited.
// Every domain operation that changes state takes one and records the change itself, so the CLI,
// the admin API and the server's own schedule are audited the same way, by the same code.
import type { Audit, AuditEntry } from './Audit.js';

export interface Change {
  readonly audit: Audit;
  /**
   * `cli:<os user>`, `client:<client id>` (admin API), `account:<accountId>` (the person, through a
   * page), or `ostiary` (the server's own schedule).
   */
  readonly actor: string;
  /** The admin API request that asked for it. */
  readonly requestId?: string | undefined;
  /** The client address of the request, when a person makes the change through a page. */
  readonly address?: string | undefined;
}

/** Records a change that happened (outcome success) with its actor. */
export function recordChange(
  change: Change,
  entry: Omit<AuditEntry, 'outcome' | 'actor' | 'requestId' | 'address'>,
): void {
  const { actor, requestId, address } = change;
  change.audit.record({ ...entry, outcome: 'success', actor, requestId, ...(address ? { address } : {}) });
}
