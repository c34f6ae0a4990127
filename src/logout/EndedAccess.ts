// What a sign-out ended, handed to whoever tells the apps (back-channel logout). Sign-outs happen
// in many places (the end-session endpoint, the account page, the admin API, the CLI); each says
// what ended in these words and lets the teller decide who hears of it.
import type { ArtifactPayload } from '../store/Store.js';

export interface EndedAccess {
  readonly accountId: string;
  /**
   * The browser sessions that ended, as stored: each one's `authorizations` names the apps it
   * signed in to, with the session id (`sid`) each app knows it by.
   */
  readonly sessions: readonly ArtifactPayload[];
  /** Apps whose access ended (their grants revoked), whether or not one of the sessions names them. */
  readonly clientIds: readonly string[];
}

/**
 * Tells the apps that signed the person in. Never throws and never waits for them: delivery goes
 * on in the background (backchannelLogout).
 */
export type SignedOut = (ended: EndedAccess) => Promise<void>;

/** Nobody is told (a test, or a tool that signs nobody out). */
export const nobodyTold: SignedOut = async () => {};

/** The sessions, keeping only their authorization for one app (that app alone is signed out). */
export function sessionsOf(sessions: readonly ArtifactPayload[], clientId: string): ArtifactPayload[] {
  return sessions.flatMap((session) => {
    const authorization = (session.authorizations as Record<string, unknown> | undefined)?.[clientId];
    return authorization ? [{ ...session, authorizations: { [clientId]: authorization } }] : [];
  });
}
