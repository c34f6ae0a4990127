// Registered clients with their `client_secret` (and, during a rotation's grace period, their
// `previous_client_secret`) sealed: stored as an envelope, given back in clear, because
// oidc-provider compares the presented secret with the one it loads. The rest of
// the metadata stays readable (client list, redirect URIs). A secret stored in clear (before
// sealing existed) reads as it is.
import type { Sealer } from '../../secrets/Sealer.js';
import type { ClientMetadata, ClientStore } from '../Store.js';

/** The authenticated context of a client's secret: it opens only as this client's. */
export const clientSecretContext = (clientId: string, member = 'client_secret') => `${member}:${clientId}`;

const SECRET_MEMBERS = ['client_secret', 'previous_client_secret'] as const;

export function sealedClients(clients: ClientStore, sealer: Sealer): ClientStore {
  const transform = (metadata: ClientMetadata, change: (secret: string, context: string) => string) => {
    let result = metadata;
    for (const member of SECRET_MEMBERS) {
      const secret = metadata[member];
      if (typeof secret === 'string') {
        result = { ...result, [member]: change(secret, clientSecretContext(metadata.client_id, member)) };
      }
    }
    return result;
  };
  const open = (metadata: ClientMetadata) => transform(metadata, (secret, context) => sealer.unseal(secret, context));
  // A record the cache below holds is opened once, and the same opened object is handed out while
  // it is held: oidc-provider's client instances can then be reused by identity (reuseClients).
  const opened = new WeakMap<ClientMetadata, ClientMetadata>();
  const openKept = (metadata: ClientMetadata) => {
    let inClear = opened.get(metadata);
    if (!inClear) {
      inClear = open(metadata);
      opened.set(metadata, inClear);
    }
    return inClear;
  };
  const seal = (metadata: ClientMetadata) => transform(metadata, (secret, context) => sealer.seal(secret, context));

  return {
    async get(clientId) {
      const metadata = await clients.get(clientId);
      return metadata && openKept(metadata);
    },
    peek(clientId) {
      const metadata = clients.peek?.(clientId);
      return metadata && openKept(metadata);
    },
    put(metadata) {
      return clients.put(seal(metadata));
    },
    async list() {
      return (await clients.list()).map(open);
    },
    remove(clientId) {
      return clients.remove(clientId);
    },
  };
}
