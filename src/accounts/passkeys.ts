// Passkeys (WebAuthn). A signed-in person registers one; then they sign in with it alone (a
// discoverable credential: the authenticator says whose it is, so no email is typed), or use it as
// the second step after their password. The ceremony's own checks are @simplewebauthn/server's:
// challenge, origin and relying-party ID (both ISSUER's), signature, user verification. The rules
// here are ours:
// - a challenge is issued to one page (a sign-in's interaction, or an account session) for five
//   minutes and answered once, atomically across instances (the limit store marks it used);
// - the credential must be one the account registered, and an account holds each one once;
// - a signature counter that does not move forward, for an authenticator that counts, means a copy
//   of the authenticator exists: the sign-in is refused and audited as a cloned authenticator.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Audit } from '../audit/Audit.js';
import { type Change, recordChange } from '../audit/Change.js';
import type { Account, Store, StoredPasskey } from '../store/Store.js';
import { throttleKeys } from '../throttle/throttleKeys.js';
import { newRecoveryCodes } from './recoveryCodes.js';

/**
 * @simplewebauthn/server, loaded on the first ceremony: with the certificate and ASN.1 libraries it
 * pulls in, it is some 20 MiB of a worker's memory that a server answering token requests never uses.
 */
let library: Promise<typeof import('@simplewebauthn/server')> | undefined;
const webauthn = () => {
  library ??= import('@simplewebauthn/server');
  return library;
};

const CHALLENGE_SECONDS = 5 * 60;
const MAX_PASSKEYS = 20; // more than anyone carries; keeps the account record small
const MAX_NAME = 64;
const SIGN_IN = 'PasskeySignIn';
const REGISTRATION = 'PasskeyRegistration';

export interface PasskeyDeps {
  readonly store: Pick<Store, 'accounts' | 'artifacts' | 'limits'>;
  readonly audit: Audit;
  /** ISSUER: its origin is the only one a passkey answers for, its host the relying-party ID. */
  readonly issuerId: string;
  /** The name authenticators show (BRAND_NAME). */
  readonly rpName: string;
  /** Epoch ms. */
  readonly now: () => number;
}

/** Why a passkey was not accepted. */
export type PasskeyRefusal =
  | 'expired' // no challenge waits for this page any more (or it was answered already)
  | 'invalid' // not a WebAuthn answer, or one that does not verify
  | 'unknown_credential' // not a passkey of the account it names
  | 'cloned' // the signature counter went backwards
  | 'disabled'
  | 'duplicate' // registered already
  | 'too_many';

export type PasskeySignIn =
  | { readonly outcome: 'signed-in'; readonly account: Account }
  | { readonly outcome: 'refused'; readonly reason: PasskeyRefusal };

export type PasskeyRegistration =
  | {
      readonly outcome: 'registered';
      /** Ten new recovery codes to show once, when this is the account's first second factor. */
      readonly recoveryCodes?: string[];
    }
  | { readonly outcome: 'refused'; readonly reason: PasskeyRefusal };

/** Where a sign-in is made from, for its audit line. */
export interface SignInFacts {
  readonly requestId?: string | undefined;
  readonly clientId?: string | undefined;
  readonly address?: string | undefined;
}

export interface Passkeys {
  /** Options for the account page's "Add a passkey", its challenge kept for that session. */
  registrationOptions(account: Account, sessionId: string): Promise<PublicKeyCredentialCreationOptionsJSON>;
  register(
    account: Account,
    sessionId: string,
    answer: string,
    name: string,
    change: Change,
  ): Promise<PasskeyRegistration>;
  /**
   * Options for a sign-in page, its challenge kept for that interaction: any passkey (discoverable)
   * on the login page, the account's own for its second step.
   */
  signInOptions(uid: string, account?: Account): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /** Checks a passkey's answer for that interaction; `account`: the one a second step waits for. */
  signIn(uid: string, answer: string, facts: SignInFacts, account?: Account): Promise<PasskeySignIn>;
}

/** The account's passkeys. */
export const passkeysOf = (account: Account): readonly StoredPasskey[] => account.factors?.passkeys ?? [];

/** The browser's JSON answer, if it is one. The library checks the rest. */
function parseAnswer<T>(answer: string): T | undefined {
  try {
    const value: unknown = JSON.parse(answer);
    const usable =
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { id?: unknown }).id === 'string' &&
      typeof (value as { response?: unknown }).response === 'object';
    return usable ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

const toUserHandle = (accountId: string) => new TextEncoder().encode(accountId);
const fromUserHandle = (handle: unknown) =>
  typeof handle === 'string' && handle ? Buffer.from(handle, 'base64url').toString('utf8') : undefined;

export function passkeys(deps: PasskeyDeps): Passkeys {
  const { store, now } = deps;
  const { origin, hostname: rpID } = new URL(deps.issuerId);
  const verifying = { expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true };

  /** The challenge waiting for this page, taken: it cannot be answered twice, on any instance. */
  async function takeChallenge(kind: string, id: string): Promise<Record<string, unknown> | undefined> {
    const waiting = await store.artifacts.find(kind, id);
    if (typeof waiting?.challenge !== 'string') return undefined;
    await store.artifacts.destroy(kind, id);
    const used = throttleKeys.passkeyChallengeUsed(waiting.challenge);
    const first = (await store.limits.count(used, CHALLENGE_SECONDS * 1000, now())).count === 1;
    return first ? waiting : undefined;
  }

  const audited = (facts: SignInFacts, accountId: string | undefined, result: PasskeySignIn): PasskeySignIn => {
    deps.audit.record({
      event: 'login.passkey',
      ...(result.outcome === 'signed-in'
        ? { outcome: 'success' }
        : { outcome: 'failure', reason: result.reason === 'cloned' ? 'cloned_authenticator' : result.reason }),
      ...(accountId ? { accountId } : {}),
      requestId: facts.requestId,
      clientId: facts.clientId,
      ...(facts.address ? { address: facts.address } : {}),
    });
    return result;
  };

  return {
    async registrationOptions(account, sessionId) {
      const options = await (await webauthn()).generateRegistrationOptions({
        rpName: deps.rpName,
        rpID,
        userName: account.email,
        userID: toUserHandle(account.accountId),
        userDisplayName: account.name ?? account.email,
        attestationType: 'none',
        excludeCredentials: passkeysOf(account).map(({ id, transports }) => ({
          id,
          transports: [...(transports ?? [])],
        })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      await store.artifacts.upsert(
        REGISTRATION,
        sessionId,
        { challenge: options.challenge, accountId: account.accountId },
        CHALLENGE_SECONDS,
      );
      return options;
    },

    async register(account, sessionId, answer, name, change) {
      const response = parseAnswer<RegistrationResponseJSON>(answer);
      const waiting = response && (await takeChallenge(REGISTRATION, sessionId));
      if (!response) return { outcome: 'refused', reason: 'invalid' };
      if (!waiting || waiting.accountId !== account.accountId) return { outcome: 'refused', reason: 'expired' };
      const existing = passkeysOf(account);
      if (existing.length >= MAX_PASSKEYS) return { outcome: 'refused', reason: 'too_many' };
      const verified = await (await webauthn())
        .verifyRegistrationResponse({
          response,
          expectedChallenge: waiting.challenge as string,
          ...verifying,
        })
        .catch(() => undefined);
      if (!verified?.verified) return { outcome: 'refused', reason: 'invalid' };
      const { credential, credentialBackedUp } = verified.registrationInfo;
      if (existing.some((each) => each.id === credential.id)) return { outcome: 'refused', reason: 'duplicate' };
      const passkey: StoredPasskey = {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        ...(credential.transports ? { transports: credential.transports } : {}),
        name: name.trim().slice(0, MAX_NAME) || 'Passkey',
        createdAt: now(),
        backedUp: credentialBackedUp,
      };
      // The first second factor comes with recovery codes, as an authenticator app's does.
      const first = !account.factors?.totp && existing.length === 0;
      const recovery = first ? newRecoveryCodes() : undefined;
      await store.accounts.update(account.accountId, {
        factors: {
          ...account.factors,
          passkeys: [...existing, passkey],
          ...(recovery ? { recoveryCodes: recovery.hashes } : {}),
        },
      });
      recordChange(change, {
        event: 'account.mfa_enrolled',
        accountId: account.accountId,
        details: { factor: 'passkey', backed_up: credentialBackedUp },
      });
      return { outcome: 'registered', ...(recovery ? { recoveryCodes: recovery.codes } : {}) };
    },

    async signInOptions(uid, account) {
      const allowCredentials = account
        ? passkeysOf(account).map(({ id, transports }) => ({ id, transports: [...(transports ?? [])] }))
        : [];
      const options = await (await webauthn()).generateAuthenticationOptions({
        rpID,
        userVerification: 'required',
        allowCredentials,
      });
      await store.artifacts.upsert(SIGN_IN, uid, { challenge: options.challenge }, CHALLENGE_SECONDS);
      return options;
    },

    async signIn(uid, answer, facts, expected) {
      const response = parseAnswer<AuthenticationResponseJSON>(answer);
      if (!response) return audited(facts, expected?.accountId, { outcome: 'refused', reason: 'invalid' });
      const waiting = await takeChallenge(SIGN_IN, uid);
      const named = fromUserHandle(response.response.userHandle);
      // A second step's answer must come from the account waiting for it.
      const accountId = expected ? expected.accountId : named;
      const refused = (reason: PasskeyRefusal) => audited(facts, accountId, { outcome: 'refused', reason });
      if (!waiting) return refused('expired');
      if (expected && named !== undefined && named !== expected.accountId) return refused('unknown_credential');
      const account = accountId ? await store.accounts.findById(accountId) : undefined;
      const stored = account && passkeysOf(account).find((each) => each.id === response.id);
      if (!account || !stored) return refused('unknown_credential');
      const verified = await (await webauthn())
        .verifyAuthenticationResponse({
          response,
          expectedChallenge: waiting.challenge as string,
          ...verifying,
          // The counter rule is applied below, once the signature is known to be the authenticator's.
          credential: { id: stored.id, publicKey: Buffer.from(stored.publicKey, 'base64url'), counter: 0 },
        })
        .catch(() => undefined);
      if (!verified?.verified) return refused('invalid');
      const { newCounter, credentialBackedUp } = verified.authenticationInfo;
      if ((newCounter > 0 || stored.counter > 0) && newCounter <= stored.counter) return refused('cloned');
      if (account.disabled) return refused('disabled');
      const used = { ...stored, counter: newCounter, lastUsedAt: now(), backedUp: credentialBackedUp };
      await store.accounts.update(account.accountId, {
        factors: {
          ...account.factors,
          passkeys: passkeysOf(account).map((each) => (each.id === stored.id ? used : each)),
        },
      });
      return audited(facts, accountId, { outcome: 'signed-in', account });
    },
  };
}
