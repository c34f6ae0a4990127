// An initial access token for dynamic client registration (RFC 7591 3, REGISTRATION=true): what an
// operator hands a developer (or a deployment pipeline) so it may register one client, or a few,
// before it expires. 256 random bits, shown once; the store keeps it under its keyed hash like
// every other token. It carries the registration policy (registrationPolicy) and how many
// registrations it allows (spent atomically, across instances).
import { randomBytes } from 'node:crypto';
import { type Change, recordChange } from '../audit/Change.js';
import type { Store } from '../store/Store.js';

/** The oidc-provider registration policy every token names: our client rules. */
export const REGISTRATION_POLICY = 'ostiary';
export const INITIAL_ACCESS_TOKEN = 'InitialAccessToken';

export interface RegistrationTokenRequest {
  /** Seconds it can be used for. */
  readonly expiresIn: number;
  /** How many clients it may register. */
  readonly uses: number;
}

export interface IssuedRegistrationToken {
  readonly token: string;
  /** ISO 8601. */
  readonly expiresAt: string;
  readonly uses: number;
}

export async function issueRegistrationToken(
  store: Pick<Store, 'artifacts'>,
  { expiresIn, uses }: RegistrationTokenRequest,
  change: Change,
  now = Date.now(),
): Promise<IssuedRegistrationToken> {
  const token = randomBytes(32).toString('base64url');
  const iat = Math.floor(now / 1000);
  const exp = iat + expiresIn;
  await store.artifacts.upsert(
    INITIAL_ACCESS_TOKEN,
    token,
    { jti: token, kind: INITIAL_ACCESS_TOKEN, iat, exp, policies: [REGISTRATION_POLICY], uses },
    expiresIn,
  );
  recordChange(change, { event: 'registration_token.created', details: { expiresIn, uses } });
  return { token, expiresAt: new Date(exp * 1000).toISOString(), uses };
}
