// What a person allowed each client, remembered beyond the browser session that asked: a later
// sign-in (another browser, after a logout) is not asked again for the same or fewer scopes. One
// record per account and client, kept a year from the last time it grew; it goes when the person removes
// the app (account page) or an operator revokes one of its grants, and with everything else of the
// account on `user revoke`, `user disable`, `user remove` and a password change (revokeByAccountId
// removes every artifact carrying the account's id).
import type { ArtifactStore } from '../store/Store.js';

const KIND = 'Consent';
const KEPT_SECONDS = 365 * 24 * 3600;

export interface Consent {
  /** OpenID scopes (openid, email, profile, offline_access). */
  readonly scopes: readonly string[];
  /** OpenID claims allowed beyond the scopes (the claims parameter). */
  readonly claims: readonly string[];
  /** Scopes per API. */
  readonly resources: Readonly<Record<string, readonly string[]>>;
}

/** A client's remembered consent, as the account page lists it. */
export interface RememberedApp {
  readonly clientId: string;
  readonly consent: Consent;
  /** Epoch ms of the first consent. */
  readonly since: number;
}

export interface RememberedConsents {
  find(accountId: string, clientId: string): Promise<Consent | undefined>;
  /** Every client the account's consent is remembered for. */
  list(accountId: string): Promise<RememberedApp[]>;
  /** Adds to what is remembered (consent only grows until it is forgotten). */
  remember(accountId: string, clientId: string, allowed: Consent): Promise<void>;
  forget(accountId: string, clientId: string): Promise<void>;
}

const union = (a: readonly string[] = [], b: readonly string[] = []) => [...new Set([...a, ...b])];
const idOf = (accountId: string, clientId: string) => `${accountId}:${clientId}`;

export function rememberedConsents(
  artifacts: Pick<ArtifactStore, 'find' | 'upsert' | 'destroy' | 'listByAccountId'>,
  now: () => number = Date.now,
): RememberedConsents {
  const find = async (accountId: string, clientId: string) => {
    const stored = await artifacts.find(KIND, idOf(accountId, clientId));
    return stored ? (stored.consent as Consent) : undefined;
  };
  return {
    find,
    async list(accountId) {
      return (await artifacts.listByAccountId(KIND, accountId)).map(({ payload }) => ({
        clientId: String(payload.clientId),
        consent: payload.consent as Consent,
        since: Number(payload.since),
      }));
    },
    async remember(accountId, clientId, allowed) {
      const stored = await artifacts.find(KIND, idOf(accountId, clientId));
      const before = stored?.consent as Consent | undefined;
      const since = typeof stored?.since === 'number' ? stored.since : now();
      const resources: Record<string, string[]> = {};
      for (const api of new Set([...Object.keys(before?.resources ?? {}), ...Object.keys(allowed.resources)])) {
        resources[api] = union(before?.resources[api], allowed.resources[api]);
      }
      const consent: Consent = {
        scopes: union(before?.scopes, allowed.scopes),
        claims: union(before?.claims, allowed.claims),
        resources,
      };
      await artifacts.upsert(KIND, idOf(accountId, clientId), { accountId, clientId, consent, since }, KEPT_SECONDS);
    },
    forget: (accountId, clientId) => artifacts.destroy(KIND, idOf(accountId, clientId)),
  };
}
