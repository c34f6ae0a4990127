// Who is told of a sign-out, and in what words (OpenID Connect Back-Channel Logout 1.0, 2.4):
// every app with a back-channel logout URI that the ended sessions signed in to, or whose access
// ended. An app that registered backchannel_logout_session_required gets the sid in its ID tokens,
// so it hears once per ended session, by sid (and sub alone when no session of ours is left: its
// own may outlive ours). Any other app knows no sid: it hears once, by sub.
import type { ClientStore } from '../store/Store.js';
import type { EndedAccess } from './EndedAccess.js';

export interface LogoutNotice {
  readonly clientId: string;
  readonly uri: string;
  /** The algorithm its ID tokens are signed with; its logout tokens are signed the same way. */
  readonly alg: string;
  readonly accountId: string;
  readonly sid?: string | undefined;
  /** The app registered itself (RFC 7591): its URL may not reach a loopback or private address. */
  readonly publicOnly: boolean;
}

/** Each app of the ended sessions, with the sids it knows them by. */
function sidsByClient(ended: EndedAccess): Map<string, string[]> {
  const sids = new Map<string, string[]>(ended.clientIds.map((clientId) => [clientId, []]));
  for (const session of ended.sessions) {
    const authorizations = (session.authorizations ?? {}) as Record<string, { sid?: unknown }>;
    for (const [clientId, { sid }] of Object.entries(authorizations)) {
      const known = sids.get(clientId) ?? [];
      if (typeof sid === 'string' && !known.includes(sid)) known.push(sid);
      sids.set(clientId, known);
    }
  }
  return sids;
}

export async function logoutNotices(ended: EndedAccess, clients: Pick<ClientStore, 'get'>): Promise<LogoutNotice[]> {
  const notices = await Promise.all(
    [...sidsByClient(ended)].map(async ([clientId, sids]) => {
      const client = await clients.get(clientId);
      const uri = client?.backchannel_logout_uri;
      if (typeof uri !== 'string') return [];
      const alg =
        typeof client?.id_token_signed_response_alg === 'string' ? client.id_token_signed_response_alg : 'RS256';
      const base = { clientId, uri, alg, accountId: ended.accountId, publicOnly: client?.self_registered === true };
      const bySession = client?.backchannel_logout_session_required === true;
      return bySession && sids.length ? sids.map((sid) => ({ ...base, sid })) : [base];
    }),
  );
  return notices.flat();
}
