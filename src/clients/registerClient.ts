// Registers a client: its settings checked by clientMetadata's rules, a random client_id, and for
// a confidential client a random secret, which the caller shows once (the store keeps it sealed).
import { randomBytes } from 'node:crypto';
import { type Change, recordChange } from '../audit/Change.js';
import { ensureSigningKey } from '../keys/ensureSigningKey.js';
import type { ClientMetadata, Store } from '../store/Store.js';
import type { ClientSettings } from './ClientSettings.js';
import { type ClientRules, clientMetadata } from './clientMetadata.js';
import { registeredResources } from './registeredResources.js';

const randomToken = (bytes: number) => randomBytes(bytes).toString('base64url');

/** 16 random bytes, base64url; never starting with "-", which a command line would read as a flag. */
export function newClientId(): string {
  for (;;) {
    const id = randomToken(16);
    if (!id.startsWith('-')) return id;
  }
}

export async function registerClient(
  store: Pick<Store, 'clients' | 'resources' | 'settings'>,
  settings: ClientSettings,
  { production }: Pick<ClientRules, 'production'>,
  change: Change,
): Promise<ClientMetadata> {
  const described = clientMetadata(settings, { production, resources: await registeredResources(store) });
  const metadata: ClientMetadata = {
    client_id: newClientId(),
    // 256 bits; none for a public client, nor for one that signs with its own key.
    ...(settings.public || settings.authMethod === 'private_key_jwt' ? {} : { client_secret: randomToken(32) }),
    ...described,
  };
  if (settings.idTokenAlg) await ensureSigningKey(store, settings.idTokenAlg, change);
  await store.clients.put(metadata);
  recordChange(change, { event: 'client.created', clientId: metadata.client_id });
  return metadata;
}
