// Artifacts stored under the keyed hash of their id, so the store never holds a value a client or
// browser presents: authorization codes, access and refresh tokens, session and interaction ids,
// device codes, request URIs. A Grant's id is never handed out and stays as it is (tokens name
// their grant by it); a ReplayDetection id is a hash already. Payloads lose their own id on the
// way in (payloadWithoutId) and get it back on the way out.
//
// Until `legacyReadsUntil` (a store upgraded from before hashing), a look-up that misses tries the
// raw id as well, so sessions and tokens issued before the upgrade keep working until they expire.
import type { ArtifactStore } from '../Store.js';
import type { Hasher } from './Hasher.js';
import { payloadWithId, payloadWithoutId } from './payloadWithoutId.js';

/** Models whose ids nobody presents: stored as they are. */
const UNHASHED_MODELS: ReadonlySet<string> = new Set(['Grant', 'ReplayDetection']);

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
  const storedId = (model: string, id: string) => (hashed(model) ? hasher.digest(id) : id);
  const legacy = (model: string) => hashed(model) && now() < legacyReadsUntil;

  return {
    upsert(model, id, payload, expiresIn) {
      if (!hashed(model)) return artifacts.upsert(model, id, payload, expiresIn);
      return artifacts.upsert(model, storedId(model, id), payloadWithoutId(payload, id, hasher), expiresIn);
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
      // TODO(issue-11 device flow): hash the user code and seal the DeviceCode's userCode field
      // when the device flow is enabled; no model carries one until then.
      return artifacts.findByUserCode(model, userCode);
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
