// What an account has granted, for an operator: each grant (one per client the person allowed)
// with its scopes and APIs, and each browser session with the clients it signed in to. Identifiers
// only: a session is named by its uid, never by its id (the browser's cookie, kept as a hash).
import type { ArtifactPayload, Store } from '../store/Store.js';

export interface GrantFacts {
  readonly grantId: string;
  readonly clientId: string;
  /** The OpenID scopes granted. */
  readonly scope: string;
  /** The APIs granted, each with its scopes. */
  readonly resources: Readonly<Record<string, string>>;
  readonly createdAt: string | null;
  readonly expiresAt: string | null;
}

export interface SessionFacts {
  readonly sessionId: string;
  readonly signedInAt: string | null;
  /** The clients this session signed in to. */
  readonly clients: readonly string[];
  readonly expiresAt: string | null;
}

const iso = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function grantFacts(id: string, payload: ArtifactPayload): GrantFacts {
  const openid = payload.openid as { scope?: string } | undefined;
  const resources = (payload.resources ?? {}) as Record<string, string>;
  return {
    grantId: text(payload.jti) || id,
    clientId: text(payload.clientId),
    scope: openid?.scope ?? '',
    resources,
    createdAt: iso(payload.iat),
    expiresAt: iso(payload.exp),
  };
}

function sessionFacts(payload: ArtifactPayload): SessionFacts {
  return {
    sessionId: text(payload.uid),
    signedInAt: iso(payload.loginTs),
    clients: Object.keys((payload.authorizations ?? {}) as Record<string, unknown>).sort(),
    expiresAt: iso(payload.exp),
  };
}

export async function listAccountGrants(store: Pick<Store, 'artifacts'>, accountId: string): Promise<GrantFacts[]> {
  return (await store.artifacts.listByAccountId('Grant', accountId)).map(({ id, payload }) => grantFacts(id, payload));
}

export async function listAccountSessions(store: Pick<Store, 'artifacts'>, accountId: string): Promise<SessionFacts[]> {
  return (await store.artifacts.listByAccountId('Session', accountId))
    .map(({ payload }) => sessionFacts(payload))
    .filter((session) => session.sessionId !== '');
}
