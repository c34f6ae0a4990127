// Dynamic client registration (RFC 7591) and its management (RFC 7592), REGISTRATION=true: the
// endpoints, tokens and answers are oidc-provider's; what a client may be is ours. Every initial
// access token names this policy (issueRegistrationToken), and the registration access token a
// client gets inherits it, so a registration and every later update are checked by the rules
// `client add` follows (clientMetadata): PKCE, exact redirect URIs, https in production, known
// APIs and scopes. The registered metadata is exactly what those rules produce. A token allows a
// bounded number of registrations, counted atomically in the shared store.
import { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { adminResourceId } from '../admin/adminResource.js';
import type { Change } from '../audit/Change.js';
import { ClientError } from '../clients/ClientError.js';
import type { IdTokenAlg } from '../clients/ClientSettings.js';
import { clientMetadata } from '../clients/clientMetadata.js';
import { INITIAL_ACCESS_TOKEN, REGISTRATION_POLICY } from '../clients/issueRegistrationToken.js';
import { newClientId } from '../clients/registerClient.js';
import { registeredResources } from '../clients/registeredResources.js';
import { registrationSettings } from '../clients/registrationSettings.js';
import { ensureSigningKey } from '../keys/ensureSigningKey.js';
import type { Store } from '../store/Store.js';
import { throttleKeys } from '../throttle/throttleKeys.js';

/** What oidc-provider sets itself and a registration keeps. */
const ISSUED = ['client_id', 'client_id_issued_at', 'client_secret', 'client_secret_expires_at'];
/** What an operator set that a client's replacement of its registration keeps. */
const OPERATORS = ['previous_client_secret', 'previous_secret_expires_at'];

/** Our setting names, as RFC 7591 members, for errors a registrant reads. */
const MEMBER: Record<string, string> = {
  name: 'client_name',
  grants: 'grant_types',
  auth_method: 'token_endpoint_auth_method',
  id_token_encryption: 'id_token_encrypted_response_alg',
};

export interface RegistrationPolicyDeps {
  readonly store: Pick<Store, 'artifacts' | 'limits' | 'resources' | 'settings'>;
  readonly issuer: string;
  readonly production: boolean;
  readonly now: () => number;
  /** Where a new signing key (a client asking for EdDSA) is audited. */
  readonly change: Change;
}

function refusal(error: unknown): Error {
  if (!(error instanceof ClientError)) return error as Error;
  // One that starts with redirect_uris is invalid_redirect_uri (RFC 7591 3.2.2).
  const message =
    error.field === 'metadata' ? error.message : `${MEMBER[error.field] ?? error.field}: ${error.message}`;
  return new errors.InvalidClientMetadata(message);
}

/** Spends one registration of the initial access token; refused once they are all spent. */
async function spend(deps: RegistrationPolicyDeps, token: string) {
  const stored = await deps.store.artifacts.find(INITIAL_ACCESS_TOKEN, token);
  const uses = typeof stored?.uses === 'number' ? stored.uses : 1;
  const exp = typeof stored?.exp === 'number' ? stored.exp * 1000 : deps.now();
  const now = deps.now();
  const key = throttleKeys.registrationTokenUses(token);
  const { count } = await deps.store.limits.count(key, Math.max(exp - now, 1000), now);
  if (count > uses) throw new errors.InvalidToken('initial access token used up');
  if (count === uses) await deps.store.artifacts.destroy(INITIAL_ACCESS_TOKEN, token);
}

export function registrationPolicy(
  deps: RegistrationPolicyDeps,
): NonNullable<Configuration['features']>['registration'] {
  async function ours(ctx: KoaContextWithOIDC, properties: Record<string, unknown>) {
    let described: Record<string, unknown>;
    let alg: IdTokenAlg | undefined;
    const current = ctx.oidc.route === 'client_update' ? ctx.oidc.client?.metadata() : undefined;
    try {
      const settings = registrationSettings(properties, {
        forbiddenResources: [adminResourceId(deps.issuer)],
        current,
      });
      described = clientMetadata(settings, {
        production: deps.production,
        resources: await registeredResources(deps.store),
      });
      alg = settings.idTokenAlg;
    } catch (error) {
      throw refusal(error);
    }
    if (ctx.oidc.route === 'registration') await spend(deps, ctx.oidc.getAccessToken() as string);
    if (alg) await ensureSigningKey(deps.store, alg, deps.change);
    for (const member of Object.keys(properties)) if (!ISSUED.includes(member)) delete properties[member];
    const kept = Object.fromEntries(
      OPERATORS.flatMap((member) => (current?.[member] === undefined ? [] : [[member, current[member]]])),
    );
    Object.assign(properties, described, kept, { self_registered: true });
    // A public client and one that signs with its own key have no secret (as with `client add`).
    if (described.token_endpoint_auth_method === 'none' || described.token_endpoint_auth_method === 'private_key_jwt') {
      delete properties.client_secret;
      delete properties.client_secret_expires_at;
    }
  }
  return {
    enabled: true,
    initialAccessToken: true,
    issueRegistrationAccessToken: true,
    // client_ids like `client add` makes: never starting with "-", which a command line reads as a flag.
    idFactory: newClientId,
    policies: { [REGISTRATION_POLICY]: ours as never },
  };
}
