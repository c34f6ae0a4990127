// Artifacts stored under the keyed hash of their id, so the store never holds a value a client or
// browser presents: authorization codes, access and refresh tokens, session and interaction ids,
// device codes, request URIs. A Grant's id is never handed out and stays as it is (tokens name
// their grant by it); a ReplayDetection id is a hash already. Payloads lose their own id on the
// way in (payloadWithoutId) and get it back on the way out.
//
// A device code's user code is kept as a keyed hash too (the person types it; findByUserCode hashes
// what they typed). A device code found by its user code cannot give oidc-provider its id back, so
// it gets a stand-in: its stored id with a tag only this key makes (storedIdToken), which
// oidc-provider saves it under and names it by later. A stand-in from outside (a copy of the store
// has the stored ids, not the key) is treated as any unknown id.
//
// Until `legacyReadsUntil` (a store upgraded from before hashing), a look-up that misses tries the
// raw id as well, so sessions and tokens issued before the upgrade keep working until they expire.
import type { ArtifactStore } from '../Store.js';
import type { Hasher } from './Hasher.js';
import { payloadWithId, payloadWithoutId } from './payloadWithoutId.js';

/** Models whose ids nobody presents: stored as they are. */
const UNHASHED_MODELS: ReadonlySet<string> = new Set(['Grant', 'ReplayDetection']);

/** Starts a stand-in id (an artifact's stored id and its tag) and a hashed user code. */
const STORED_ID = '\u0001s';
const HASHED_USER_CODE = '\u0001u';

export interface HashedArtifactsOptions {
  /** Epoch ms: before it, raw ids written before hashing are still looked up. */
  readonly legacyReadsUntil: number;
  readonly now?: () => number;
}

export function hashedArtifacts(
  artifacts: ArtifactStore,
  hasher: Hasher,
  { legacyReadsUntil, now = Date.now }: HashedArtifactsOptions,
): ArtifactStore {
  const hashed = (model: string) => !UNHASHED_MODELS.has(model);
  const tagOf = (stored: string) => hasher.digest(`stored-id:${stored}`);
  /** The stand-in for a stored id, for oidc-provider to save and find the artifact by. */
  const standIn = (stored: string) => `${STORED_ID}${stored}.${tagOf(stored)}`;
  /** The stored id a stand-in names, when its tag is ours. */
  const fromStandIn = (id: string) => {
    if (!id.startsWith(STORED_ID)) return undefined;
    const [stored = '', tag] = id.slice(STORED_ID.length).split('.');
    return tag === tagOf(stored) ? stored : undefined;
  };
  const storedId = (model: string, id: string) => (hashed(model) ? (fromStandIn(id) ?? hasher.digest(id)) : id);
  const hashedUserCode = (code: string) =>
    code.startsWith(HASHED_USER_CODE) ? code : HASHED_USER_CODE + hasher.digest(code);
  const legacy = (model: string) => hashed(model) && now() < legacyReadsUntil;

  return {
    upsert(model, id, payload, expiresIn) {
      if (!hashed(model)) return artifacts.upsert(model, id, payload, expiresIn);
      const stored = storedId(model, id);
      const withoutId = payloadWithoutId(payload, id, hasher);
      const userCode =
        typeof payload.userCode === 'string' ? { userCode: hashedUserCode(payload.userCode), storedId: stored } : {};
      return artifacts.upsert(model, stored, { ...withoutId, ...userCode }, expiresIn);
    },
    async find(model, id) {
      if (!hashed(model)) return artifacts.find(model, id);
      const stored = await artifacts.find(model, storedId(model, id));
      if (stored) return payloadWithId(stored, id);
      return legacy(model) ? artifacts.find(model, id) : undefined;
    },
    async findByUid(model, uid) {
      // The uid index points at the stored id, whose hash cannot be undone: the payload comes back
      // without jti. oidc-provider reads only accountId and authorizations from a session found so.
      const stored = await artifacts.findByUid(model, uid);
      return stored && hashed(model) && stored.jti === undefined ? payloadWithId(stored, undefined) : stored;
    },
    async findByUserCode(model, userCode) {
      const stored = await artifacts.findByUserCode(model, hashedUserCode(userCode));
      if (!stored || typeof stored.storedId !== 'string') return stored;
      const { storedId: id, ...payload } = stored;
      return { ...payloadWithId(payload, standIn(id)), userCode };
    },
    async consume(model, id) {
      const outcome = await artifacts.consume(model, storedId(model, id));
      return outcome === 'not-found' && legacy(model) ? artifacts.consume(model, id) : outcome;
    },
    async destroy(model, id) {
      await artifacts.destroy(model, storedId(model, id));
      if (legacy(model)) await artifacts.destroy(model, id);
    },
    destroyByUid: (model, uid) => artifacts.destroyByUid(model, uid),
    async listByAccountId(model, accountId) {
      // A hashed model's stored id cannot be undone: its payload comes back without jti.
      const found = await artifacts.listByAccountId(model, accountId);
      return hashed(model)
        ? found.map(({ id, payload }) => ({
            id,
            payload: payload.jti === undefined ? payloadWithId(payload, undefined) : payload,
          }))
        : found;
    },
    revokeByGrantId: (grantId) => artifacts.revokeByGrantId(grantId),
    revokeByAccountId: (accountId) => artifacts.revokeByAccountId(accountId),
  };
}
