// Who calls the admin API: the bearer of one of Ostiary's own JWT access tokens (RFC 9068) for the
// built-in API `${ISSUER}/admin`, verified offline against the current signing keys, whose client
// still exists (removing the client cuts its access at once, although the JWT cannot be recalled).
// The token's scopes decide what it may do: admin:read to read, admin:write to change.
import { createLocalJWKSet, type JSONWebKeySet, errors as joseErrors, jwtVerify } from 'jose';
import type { StaticDocument } from '../http/staticDocument.js';
import type { Store } from '../store/Store.js';
import { Problem } from './Problem.js';

export interface AdminCaller {
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
}

export interface AdminAuthDeps {
  /** The issuer identifier the tokens carry (ISSUER, its path included). */
  readonly issuer: string;
  /** The audience: the admin API's resource indicator. */
  readonly audience: string;
  /** The published JWKS now (it changes when keys rotate). */
  readonly jwks: () => StaticDocument;
  readonly clients: Store['clients'];
}

export function authenticateAdmin({ issuer, audience, jwks, clients }: AdminAuthDeps) {
  const keySets = new WeakMap<StaticDocument, ReturnType<typeof createLocalJWKSet>>();
  const keySet = () => {
    const document = jwks();
    let set = keySets.get(document);
    if (!set) {
      set = createLocalJWKSet(JSON.parse(document.body.toString('utf8')) as JSONWebKeySet);
      keySets.set(document, set);
    }
    return set;
  };

  return async function authenticate(authorization: string | undefined): Promise<AdminCaller> {
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Problem('unauthorized', 'send an admin access token as Authorization: Bearer <token>');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keySet(), { issuer, audience, typ: 'at+jwt' }));
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new Problem(
        'unauthorized',
        expired ? 'the access token has expired' : 'the access token is not valid here',
      );
    }
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : '';
    if (!clientId || !(await clients.get(clientId))) {
      throw new Problem('unauthorized', 'the client this token was issued to no longer exists');
    }
    const scopes = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
    return { clientId, scopes };
  };
}
