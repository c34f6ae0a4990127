// How often mail links may be asked for and tried. A reset link is mailed at most
// RESET_MAILS_PER_EMAIL times per RESET_MAIL_WINDOW to one email (known or not, alike), so nobody
// can flood a mailbox; an address asks for at most LOGIN_IP_LIMIT links a minute and tries at most
// as many links (a wrong or stale token counts like a wrong password).
import type { ThrottlePolicy } from '../config/AppConfig.js';
import type { LimitStore } from '../store/Store.js';
import { type Refusal, refusal } from './Refusal.js';
import { throttleKeys } from './throttleKeys.js';

export const RESET_MAILS_PER_EMAIL = 3;
export const RESET_MAIL_WINDOW_MS = 15 * 60_000;
const MINUTE_MS = 60_000;

export interface LinkThrottle {
  /** Counts a request for a reset link; a refusal when the email or the address must wait. */
  admitRequest(email: string, address: string): Promise<Refusal | undefined>;
  /** Counts a use of a link; a refusal when the address must wait. */
  admitUse(address: string): Promise<Refusal | undefined>;
}

export function linkThrottle(limits: LimitStore, policy: ThrottlePolicy, now: () => number): LinkThrottle {
  const perAddress = async (address: string) => {
    const at = now();
    const { count, resetAt } = await limits.count(throttleKeys.links(address), MINUTE_MS, at);
    return count > policy.perAddressPerMinute ? refusal(resetAt - at) : undefined;
  };
  return {
    async admitRequest(email, address) {
      const refused = await perAddress(address);
      if (refused) return refused;
      const at = now();
      const { count, resetAt } = await limits.count(throttleKeys.resetMails(email), RESET_MAIL_WINDOW_MS, at);
      return count > RESET_MAILS_PER_EMAIL ? refusal(resetAt - at) : undefined;
    },
    admitUse: perAddress,
  };
}
