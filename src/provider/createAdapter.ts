// Bridges oidc-provider's adapter interface to our Store. The Client model reads registered
// clients (written by the CLI) so changes apply without restart. `consume` turns the store's
// atomic check-and-set into protocol behaviour: a second consumer gets invalid_grant and, since
// two redemptions of one code or refresh token mean one of them is stolen, the grant is revoked.
// Refresh tokens are consumed when the response is ready (deferredRotation), so a failed
// rotation leaves the old token usable. Replay detection (a client assertion's or a DPoP proof's
// jti) is one atomic count in the limit store: oidc-provider looks the jti up, then saves it, and
// two instances given the same one at once would both find nothing; here the look-up itself marks
// it seen, so exactly one request passes. Store outages surface as 503 temporarily_unavailable.
import { type Adapter, type AdapterPayload, errors } from 'oidc-provider';
import type { ArtifactPayload, ClientMetadata, Store } from '../store/Store.js';
import { DEFERRED_MODELS } from './deferredRotation.js';
import { storeCall } from './storeCall.js';
import { typedTokenIds } from './typedTokenIds.js';

interface Rotation {
  /** Defers the consume of a refresh token to the end of the request (deferredRotation). */
  defer(model: string, id: string): boolean;
  /** How oidc-provider should see a payload it finds (a recently spent refresh token as unspent). */
  asRead(model: string, payload: ArtifactPayload | undefined): ArtifactPayload | undefined;
}

/** How long a seen jti is remembered: longer than any assertion may live (MAX_ASSERTION_SECONDS). */
const REPLAY_WINDOW_MS = 60 * 60_000;

export function createAdapter(store: Store, rotation: Rotation, now: () => number = Date.now) {
  const { artifacts, clients } = store;

  return class OstiaryAdapter implements Adapter {
    constructor(readonly model: string) {}

    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'ReplayDetection') return Promise.resolve(); // marked seen when looked up
      if (this.model === 'Client') return storeCall(() => clients.put({ ...payload, client_id: id } as ClientMetadata));
      return storeCall(() => artifacts.upsert(this.model, id, payload as ArtifactPayload, expiresIn));
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'ReplayDetection') {
        const { count } = await storeCall(() => store.limits.count(`replay:${id}`, REPLAY_WINDOW_MS, now()));
        return count > 1 ? { jti: id } : undefined;
      }
      if (this.model === 'Client') return storeCall(() => clients.get(id)) as Promise<AdapterPayload | undefined>;
      if (!typedTokenIds.mayBe(this.model, id)) return undefined; // a token of another kind
      return rotation.asRead(this.model, await storeCall(() => artifacts.find(this.model, id))) as AdapterPayload;
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return storeCall(() => artifacts.findByUid(this.model, uid)) as Promise<AdapterPayload | undefined>;
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return storeCall(() => artifacts.findByUserCode(this.model, userCode)) as Promise<AdapterPayload | undefined>;
    }

    async consume(id: string): Promise<void> {
      // oidc-provider has just read this token and found it unconsumed; the commit's atomic
      // consume catches anyone who consumed it since.
      if (DEFERRED_MODELS.has(this.model) && rotation.defer(this.model, id)) return;
      const outcome = await storeCall(() => artifacts.consume(this.model, id));
      if (outcome === 'consumed') return;
      const payload = await storeCall(() => artifacts.find(this.model, id));
      if (payload?.grantId) await storeCall(() => artifacts.revokeByGrantId(payload.grantId as string));
      throw new errors.InvalidGrant(`${this.model} was used concurrently`);
    }

    async destroy(id: string): Promise<void> {
      if (this.model === 'Client') {
        await storeCall(() => clients.remove(id));
        return;
      }
      await storeCall(() => artifacts.destroy(this.model, id));
    }

    revokeByGrantId(grantId: string): Promise<void> {
      return storeCall(() => artifacts.revokeByGrantId(grantId));
    }
  };
}
