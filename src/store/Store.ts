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
  /** Destroys every artifact (of every model, Grant included) whose payload has this grantId. */
  revokeByGrantId(grantId: string): Promise<void>;
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
}

export interface AccountStore {
  /** Throws DuplicateError('email') when an account with the same email exists (any case). */
  create(account: Account): Promise<void>;
  findById(accountId: string): Promise<Account | undefined>;
  findByEmail(email: string): Promise<Account | undefined>;
  list(): Promise<Account[]>;
  /** Returns false when there was no such account. */
  remove(accountId: string): Promise<boolean>;
  /** Returns false when there was no such account. */
  setPasswordHash(accountId: string, passwordHash: string): Promise<boolean>;
}

/** Client metadata as oidc-provider reads it (client_id, redirect_uris, ... plus our extras). */
export type ClientMetadata = Record<string, unknown> & { client_id: string };

/** Records kept by id: the registered clients and APIs. */
export interface RecordStore<T> {
  get(id: string): Promise<T | undefined>;
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
}

export type ResourceStore = RecordStore<Resource>;

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
  /** Resolves when the backend answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
