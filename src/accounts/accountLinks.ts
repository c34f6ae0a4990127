// The links mail carries: a password reset (valid 30 minutes) and an email verification (valid 3
// days). Each is a random 256-bit token; the store keeps it under its keyed hash like every token
// (src/store/hashed), with the account, the address it was sent to and when. A link works once,
// only while the account exists, is not disabled and still has that email, and a reset link only
// while nothing has revoked the account's access since it was sent (a password change, another
// reset, `user revoke`), so one reset kills every older reset link.
import { randomBytes } from 'node:crypto';
import type { Account, Store } from '../store/Store.js';
import { AccountError } from './AccountError.js';
import { normalizeEmail } from './normalizeEmail.js';

export type LinkPurpose = 'PasswordReset' | 'EmailVerification';

/** Seconds each link stays valid. */
export const LINK_TTL: Readonly<Record<LinkPurpose, number>> = {
  PasswordReset: 30 * 60,
  EmailVerification: 3 * 24 * 3600,
};

export interface AccountLinks {
  /** A new link's token for the account, stored until its TTL. */
  issue(purpose: LinkPurpose, account: Account): Promise<string>;
  /** The account a link is valid for, without using it up; AccountError invalid_link otherwise. */
  check(purpose: LinkPurpose, token: string): Promise<Account>;
  /** Uses the link up (atomically: of two uses one wins) and returns its account. */
  redeem(purpose: LinkPurpose, token: string): Promise<Account>;
}

const invalid = () => new AccountError('invalid_link', 'This link has expired or was already used.');

export function accountLinks(store: Pick<Store, 'artifacts' | 'accounts'>, now: () => number = Date.now): AccountLinks {
  async function check(purpose: LinkPurpose, token: string): Promise<Account> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw invalid();
    const payload = await store.artifacts.find(purpose, token);
    const accountId = typeof payload?.accountId === 'string' ? payload.accountId : undefined;
    const account = accountId ? await store.accounts.findById(accountId) : undefined;
    if (!payload || payload.consumed || !account || account.disabled) throw invalid();
    if (typeof payload.email !== 'string' || normalizeEmail(payload.email) !== normalizeEmail(account.email))
      throw invalid();
    const issuedAt = Number(payload.iat);
    if (purpose === 'PasswordReset' && account.revokedAt !== undefined && account.revokedAt >= issuedAt)
      throw invalid();
    return account;
  }
  return {
    async issue(purpose, account) {
      const token = randomBytes(32).toString('base64url');
      const payload = { accountId: account.accountId, email: account.email, iat: Math.floor(now() / 1000) };
      await store.artifacts.upsert(purpose, token, payload, LINK_TTL[purpose]);
      return token;
    },
    check,
    async redeem(purpose, token) {
      const account = await check(purpose, token);
      if ((await store.artifacts.consume(purpose, token)) !== 'consumed') throw invalid();
      return account;
    },
  };
}
