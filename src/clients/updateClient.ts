// Changes an existing client: its name, redirect URIs, post-logout URIs, CORS origins, APIs,
// scopes, back-channel logout, public keys (inline or published: new ones replace either), ID
// token encryption and algorithm, and whether it requires two-step sign-in, PAR or DPoP, each
// given replacing the old one. The result must pass the same rules as a new
// registration; the client_id, the secret and everything not changed stay. Servers see the change
// within a second (the catalog cache).
import { type Change, recordChange } from '../audit/Change.js';
import { ensureSigningKey } from '../keys/ensureSigningKey.js';
import type { ClientMetadata, Store } from '../store/Store.js';
import { ClientError } from './ClientError.js';
import type { ClientChanges } from './ClientSettings.js';
import { type ClientRules, clientMetadata, settingsOf } from './clientMetadata.js';
import { registeredResources } from './registeredResources.js';

export async function updateClient(
  store: Pick<Store, 'clients' | 'resources' | 'settings'>,
  clientId: string,
  changes: ClientChanges,
  { production }: Pick<ClientRules, 'production'>,
  change: Change,
): Promise<ClientMetadata> {
  const current = await store.clients.get(clientId);
  if (!current) throw new ClientError('not_found', 'client_id', `no client ${clientId}`);
  // New keys replace the old, inline or published: a client has one or the other.
  const keys = 'jwks' in changes || 'jwksUri' in changes ? { jwks: undefined, jwksUri: undefined } : {};
  const settings = { ...settingsOf(current), ...keys, ...changes };
  const described = clientMetadata(settings, { production, resources: await registeredResources(store) });
  // What the settings cover is replaced whole (a list emptied goes away, default_resource becomes
  // resources); the identity, the secret and anything else stored stay as they were.
  const {
    scope: _scope,
    first_party: _firstParty,
    require_mfa: _requireMfa,
    require_pushed_authorization_requests: _requirePar,
    dpop_bound_access_tokens: _dpop,
    jwks: _jwks,
    jwks_uri: _jwksUri,
    backchannel_logout_uri: _backchannelUri,
    backchannel_logout_session_required: _backchannelSid,
    cors_origins: _corsOrigins,
    resources: _resources,
    resource_scope: _resourceScope,
    default_resource: _defaultResource,
    id_token_signed_response_alg: _alg,
    id_token_encrypted_response_alg: _encAlg,
    id_token_encrypted_response_enc: _enc,
    userinfo_signed_response_alg: _userinfoAlg,
    userinfo_encrypted_response_alg: _userinfoEncAlg,
    userinfo_encrypted_response_enc: _userinfoEnc,
    ...kept
  } = current;
  const metadata: ClientMetadata = { ...kept, ...described, client_id: clientId };
  if (settings.idTokenAlg) await ensureSigningKey(store, settings.idTokenAlg, change);
  await store.clients.put(metadata);
  recordChange(change, { event: 'client.updated', clientId, details: { changed: Object.keys(changes).sort() } });
  return metadata;
}
