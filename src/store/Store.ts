// The one storage contract. Two backends implement it: embedded/ (SQLite, one node) and redis/
// (many instances). Everything Ostiary keeps goes through here; nothing else touches a database.
// test/store/contract.ts runs the same suite against every backend.

/** What oidc-provider hands its adapter (a plain JSON object). */
export type ArtifactPayload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

/**
 * Models bound to a grant: revoking the grant destroys them. oidc-provider's own list; an
 * Interaction also carries a grantId but must survive the grant's revocation (signing in as
 * someone else revokes the old grant while the sign-in is still in flight).
 */
export const GRANT_BOUND_MODELS: ReadonlySet<string> = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/**
 * Models an account holds directly: revoking the account destroys them, and for a Grant
 * everything bound to it. (Tokens carry accountId too, but every token belongs to a grant.) A
 * Consent is what the person allowed a client, remembered beyond sessions (rememberedConsents).
 */
export const ACCOUNT_BOUND_MODELS: ReadonlySet<string> = new Set(['Grant', 'Session', 'Consent']);

/** How an atomic consume ended. */
export type ConsumeOutcome = 'consumed' | 'already-consumed' | 'not-found';

/**
 * oidc-provider's models (Session, Interaction, Grant, AuthorizationCode, AccessToken,
 * RefreshToken, ClientCredentials, ReplayDetection, ...), keyed by model name and id.
 */
export interface ArtifactStore {
  /** Insert or replace. `expiresIn` is in seconds; the artifact is gone after it. */
  upsert(model: string, id: string, payload: ArtifactPayload, expiresIn: number): Promise<void>;
  /** The payload, or undefined when missing or expired. A consumed artifact carries `consumed`. */
  find(model: string, id: string): Promise<ArtifactPayload | undefined>;
  findByUid(model: string, uid: string): Promise<ArtifactPayload | undefined>;
  findByUserCode(model: string, userCode: string): Promise<ArtifactPayload | undefined>;
  /**
   * Marks the artifact consumed (sets `consumed` to the epoch second) if and only if nobody did
   * before: an atomic check-and-set. Of any number of concurrent callers exactly one sees
   * 'consumed'. This is what makes codes and refresh tokens single use.
   */
  consume(model: string, id: string): Promise<ConsumeOutcome>;
  destroy(model: string, id: string): Promise<void>;
  /**
   * Destroys the artifact whose payload has this uid (a Session is named by its uid outside the
   * store: its id is the browser's cookie, kept only as a hash).
   */
  destroyByUid(model: string, uid: string): Promise<void>;
  /**
   * Every live artifact of an ACCOUNT_BOUND_MODELS model (Grant, Session) whose payload has this
   * accountId, with the id it is stored under (for a hashed model, not the one it was issued as).
   */
  listByAccountId(
    model: string,
    accountId: string,
  ): Promise<{ readonly id: string; readonly payload: ArtifactPayload }[]>;
  /** Destroys every artifact of a GRANT_BOUND_MODELS model whose payload has this grantId. */
  revokeByGrantId(grantId: string): Promise<void>;
  /**
   * Destroys every Grant and Session whose payload has this accountId, and everything bound to
   * those grants: the account is signed out everywhere and its refresh tokens, stored access
   * tokens and codes stop working.
   */
  revokeByAccountId(accountId: string): Promise<void>;
}

export interface Account {
  /** The stable, opaque `sub`. */
  readonly accountId: string;
  /** As entered; uniqueness is case-insensitive (see normalizeEmail). */
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string | undefined;
  /** A PHC string (argon2id). */
  readonly passwordHash: string;
  readonly createdAt: number;
  /** A disabled account cannot sign in and its tokens are refused. */
  readonly disabled: boolean;
  /**
   * Epoch seconds of the last "sign out everywhere" (password change, revoke, disable): sessions
   * and tokens issued in an earlier second are refused, whatever the store still holds.
   */
  readonly revokedAt: number | undefined;
  /** Second factors; undefined when the account has none. */
  readonly factors?: AccountFactors | undefined;
  /** What APIs and apps authorize on (roles, groups, attributes); undefined when it has none. */
  readonly claims?: AccountClaims | undefined;
}

/** An account's roles, groups and free attributes, as an operator set them. */
export interface AccountClaims {
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
}

/** An account's second factors. The TOTP secret is sealed at rest (src/store/sealed). */
export interface AccountFactors {
  readonly totp?: { readonly secret: string; readonly enrolledAt: number };
  /** SHA-256 (hex) of each recovery code not used yet. */
  readonly recoveryCodes?: readonly string[];
  /** The account's passkeys (WebAuthn credentials): public keys, nothing secret. */
  readonly passkeys?: readonly StoredPasskey[];
}

/** A passkey as the account keeps it. */
export interface StoredPasskey {
  /** The credential ID, base64url. */
  readonly id: string;
  /** The COSE public key, base64url. */
  readonly publicKey: string;
  /** The authenticator's signature counter at its last use (0 when it does not count). */
  readonly counter: number;
  readonly transports?: readonly string[];
  /** The name the person gave it (by default, the browser it was made in). */
  readonly name: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly lastUsedAt?: number;
  /** Whether the authenticator said it is synced (a passkey in a password manager) rather than bound to one device. */
  readonly backedUp: boolean;
}

/** What can change in an account after it is created. */
export type AccountChanges = Partial<
  Pick<Account, 'passwordHash' | 'disabled' | 'revokedAt' | 'emailVerified' | 'factors' | 'claims'>
>;

export interface AccountStore {
  /** Throws DuplicateError('email') when an account with the same email exists (any case). */
  create(account: Account): Promise<void>;
  findById(accountId: string): Promise<Account | undefined>;
  findByEmail(email: string): Promise<Account | undefined>;
  list(): Promise<Account[]>;
  /** Returns false when there was no such account. */
  remove(accountId: string): Promise<boolean>;
  /** Applies the changes atomically; returns false when there was no such account. */
  update(accountId: string, changes: AccountChanges): Promise<boolean>;
}

/** Client metadata as oidc-provider reads it (client_id, redirect_uris, ... plus our extras). */
export type ClientMetadata = Record<string, unknown> & { client_id: string };

/** Records kept by id: the registered clients and APIs. */
export interface RecordStore<T> {
  get(id: string): Promise<T | undefined>;
  /**
   * The record when a cache in front of the store holds a fresh copy, at once; undefined when
   * there is none (then `get`). Only the cached catalog (src/store/cached) has it.
   */
  peek?(id: string): T | undefined;
  /** Insert or replace. */
  put(record: T): Promise<void>;
  /** Every record, in id order. */
  list(): Promise<T[]>;
  /** True when there was one to remove. */
  remove(id: string): Promise<boolean>;
}

export type ClientStore = RecordStore<ClientMetadata>;

/** An API that accepts our JWT access tokens (RFC 8707 resource indicator). */
export interface Resource {
  /** The identifier URI; also the `aud` of its access tokens. */
  readonly id: string;
  /** Space-separated scopes the API understands. */
  readonly scope: string;
  /** Access token lifetime for this API in seconds; undefined uses ACCESS_TOKEN_TTL. */
  readonly accessTokenTtl: number | undefined;
  readonly createdAt: number;
  /** The account claims its access tokens carry: roles, groups, attribute keys. */
  readonly claims?: readonly string[] | undefined;
}

export type ResourceStore = RecordStore<Resource>;

/**
 * Locks a key after `limit` attempts: each attempt from the limit-th on locks it for the next
 * entry of `locksMs` (the last one repeats). Times in milliseconds.
 */
export interface LockoutRule {
  readonly limit: number;
  /** The count is forgotten this long after the last attempt, or after the lock ends if later. */
  readonly windowMs: number;
  readonly locksMs: readonly number[];
}

export type AttemptOutcome =
  /** Counted: `attempts` in the window so far, and until when this attempt locked the key (0: it did not). */
  | { readonly allowed: true; readonly attempts: number; readonly lockedUntil: number }
  | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Counters that slow down guessing, shared by every instance. Each call is atomic on its key, and
 * every key expires on its own. `now` is passed in (epoch ms), so a test's clock decides.
 */
export interface LimitStore {
  /**
   * Adds `by` to the count of a fixed window of `windowMs` that starts with the key's first count.
   * A negative `by` gives back counts (never below zero, and never starting a window).
   */
  count(key: string, windowMs: number, now: number, by?: number): Promise<{ count: number; resetAt: number }>;
  /** Records an attempt unless the key is locked (refused: nothing is counted). */
  attempt(key: string, rule: LockoutRule, now: number): Promise<AttemptOutcome>;
  /** The key's attempts in its window, and until when it is locked (0 when not). */
  peek(key: string, now: number): Promise<{ attempts: number; lockedUntil: number }>;
  /** Forgets the key. */
  reset(key: string): Promise<void>;
}

/**
 * Named JSON documents that must survive restarts and be shared by every instance: key material,
 * cookie secrets. `initialize` is first-writer-wins so concurrent first starts agree.
 */
export interface SettingStore {
  get<T>(name: string): Promise<T | undefined>;
  /** The document with an opaque revision (a hash of what is stored) for `swap`. */
  read<T>(name: string): Promise<{ value: T; revision: string } | undefined>;
  /**
   * Replaces the document only if it is still at `revision`: a compare-and-swap, so of several
   * instances applying the same key transition exactly one succeeds. False when it had changed.
   */
  swap<T>(name: string, revision: string, value: T): Promise<boolean>;
  /** Stores `value` unless `name` exists; returns whichever value is stored afterwards. */
  initialize<T>(name: string, value: T): Promise<T>;
  put<T>(name: string, value: T): Promise<void>;
}

export interface Store {
  readonly kind: 'embedded' | 'redis';
  readonly artifacts: ArtifactStore;
  readonly accounts: AccountStore;
  readonly clients: ClientStore;
  readonly resources: ResourceStore;
  readonly settings: SettingStore;
  readonly limits: LimitStore;
  /** Resolves when the backend answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
