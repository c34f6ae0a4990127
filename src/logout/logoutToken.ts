// A logout token (OpenID Connect Back-Channel Logout 1.0, 2.4): a JWT signed like the app's ID
// tokens, typed logout+jwt, naming the person (sub) and, when it is about one session, the sid the
// app knows it by. It lives two minutes and carries a jti the app can refuse to see twice.
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { SigningKeyRecord, SigningKeySet } from '../keys/SigningKeyRecord.js';
import type { LogoutNotice } from './logoutNotices.js';

export const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const LIFETIME_SECONDS = 120;

/** The key that signs now for this algorithm; RS256's when there is none (every app accepts it). */
function signingKey(keys: SigningKeySet, alg: string): SigningKeyRecord {
  const current = (wanted: string) => keys.keys.find((key) => key.state === 'current' && key.alg === wanted);
  const key = current(alg) ?? current('RS256');
  if (!key) throw new Error(`no current ${alg} or RS256 signing key`);
  return key;
}

export async function logoutToken(
  notice: LogoutNotice,
  keys: SigningKeySet,
  issuer: string,
  nowMs: number,
): Promise<string> {
  const key = signingKey(keys, notice.alg);
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({ events: { [LOGOUT_EVENT]: {} }, ...(notice.sid ? { sid: notice.sid } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'logout+jwt' })
    .setIssuer(issuer)
    .setAudience(notice.clientId)
    .setSubject(notice.accountId)
    .setIssuedAt(now)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(await importJWK(key.jwk, key.alg));
}
