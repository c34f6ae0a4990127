// Bridges oidc-provider's adapter interface to our Store. The Client model reads registered
// clients (written by the CLI) so changes apply without restart. `consume` turns the store's
// atomic check-and-set into protocol behaviour: a second consumer gets invalid_grant and, since
// two redemptions of one code or refresh token mean one of them is stolen, the grant is revoked.
import { type Adapter, type AdapterPayload, errors } from 'oidc-provider';
import type { ArtifactPayload, ClientMetadata, Store } from '../store/Store.js';

export function createAdapter(store: Store) {
  const { artifacts, clients } = store;

  return class OstiaryAdapter implements Adapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') return clients.put({ ...payload, client_id: id } as ClientMetadata);
      return artifacts.upsert(this.model, id, payload as ArtifactPayload, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return clients.get(id) as Promise<AdapterPayload | undefined>;
      return artifacts.find(this.model, id) as Promise<AdapterPayload | undefined>;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return artifacts.findByUid(this.model, uid) as Promise<AdapterPayload | undefined>;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return artifacts.findByUserCode(this.model, userCode) as Promise<AdapterPayload | undefined>;
    }

    async consume(id: string): Promise<void> {
      const outcome = await artifacts.consume(this.model, id);
      if (outcome === 'consumed') return;
      const payload = await artifacts.find(this.model, id);
      if (payload?.grantId) await artifacts.revokeByGrantId(payload.grantId);
      throw new errors.InvalidGrant(`${this.model} was used concurrently`);
    }

    async destroy(id: string): Promise<void> {
      if (this.model === 'Client') {
        await clients.remove(id);
        return;
      }
      await artifacts.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await artifacts.revokeByGrantId(grantId);
    }
  };
}
