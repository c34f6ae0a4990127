// How a back-channel logout delivery ended, written down: every outcome in the audit trail
// (logout.backchannel, with the app and the attempts), and a failure in the log as well, where an
// operator watching errors sees it. Neither holds the token.
import type { Audit } from '../audit/Audit.js';
import type { DeliveryOutcome } from './backchannelLogout.js';

export function reportDelivery(audit: Audit, logFailure: (facts: Record<string, unknown>, message: string) => void) {
  return ({ notice, delivered, attempts, reason }: DeliveryOutcome) => {
    audit.record({
      event: 'logout.backchannel',
      outcome: delivered ? 'success' : 'failure',
      reason,
      accountId: notice.accountId,
      clientId: notice.clientId,
      details: { attempts, ...(notice.sid ? { sid: notice.sid } : {}) },
    });
    if (!delivered) {
      logFailure(
        { clientId: notice.clientId, uri: notice.uri, attempts, reason },
        'a back-channel logout was not delivered; the app was not told that the person signed out',
      );
    }
  };
}
