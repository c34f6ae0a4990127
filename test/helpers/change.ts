// A Change for tests that call a domain operation directly: the actor `test`, its audit lines kept.
import { createAudit } from '../../src/audit/Audit.js';
import type { Change } from '../../src/audit/Change.js';

export function testChange(): Change & { readonly lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { audit: createAudit((line) => lines.push({ ...line })), actor: 'test', lines };
}
