// /admin/v1/clients: applications, through the same domain operations as `ostiary client ...`.
import { z } from 'zod';
import { ClientError } from '../../clients/ClientError.js';
import { issueRegistrationToken } from '../../clients/issueRegistrationToken.js';
import { newClientSettings } from '../../clients/newClientSettings.js';
import { registerClient } from '../../clients/registerClient.js';
import { removeClient } from '../../clients/removeClient.js';
import { rotateClientSecret } from '../../clients/rotateClientSecret.js';
import { scopeTokens } from '../../clients/scopeTokens.js';
import { updateClient } from '../../clients/updateClient.js';
import { withoutSecret } from '../../clients/withoutSecret.js';
import { ROUTES } from '../../provider/providerRoutes.js';
import { adminRoute } from '../AdminRoute.js';
import {
  Client,
  ClientList,
  ClientUpdate,
  ClientWithSecret,
  Id,
  NewClient,
  NewRegistrationToken,
  RegistrationToken,
  RotatedSecret,
  SecretRotation,
} from '../schemas.js';

const ById = z.object({ id: Id.describe('the client_id') });

function scopeList(scope: string): string[] {
  const parsed = scopeTokens(scope);
  if ('problem' in parsed) throw new ClientError('invalid', 'scope', parsed.problem);
  return parsed.tokens;
}

export const clientRoutes = {
  createRegistrationToken: adminRoute({
    method: 'post',
    path: '/registration-tokens',
    summary: 'Issue an initial access token for dynamic client registration (REGISTRATION=true)',
    tag: 'clients',
    scope: 'admin:write',
    body: NewRegistrationToken,
    response: { status: 201, schema: RegistrationToken, description: 'the token, shown only now' },
    async handle({ body }, { store, config, change }) {
      const issued = await issueRegistrationToken(store, { expiresIn: body.expires_in, uses: body.uses }, change);
      return {
        token: issued.token,
        expires_at: issued.expiresAt,
        uses: issued.uses,
        registration_endpoint: `${config.issuerId}${ROUTES.registration}`,
      };
    },
  }),
  list: adminRoute({
    method: 'get',
    path: '/clients',
    summary: 'List clients (without secrets)',
    tag: 'clients',
    scope: 'admin:read',
    response: { status: 200, schema: ClientList, description: 'every client' },
    async handle(_input, { store }) {
      return { clients: (await store.clients.list()).map(withoutSecret) };
    },
  }),
  add: adminRoute({
    method: 'post',
    path: '/clients',
    summary: 'Register a client; a confidential one gets a secret, shown only in this answer',
    tag: 'clients',
    scope: 'admin:write',
    body: NewClient,
    response: { status: 201, schema: ClientWithSecret, description: 'the client with its secret' },
    async handle({ body }, { store, config, change }) {
      const settings = newClientSettings({
        name: body.name,
        grants: body.grants,
        redirectUris: body.redirect_uris,
        postLogoutRedirectUris: body.post_logout_redirect_uris,
        corsOrigins: body.cors_origins,
        scope: body.scope === undefined ? undefined : scopeList(body.scope),
        resources: body.resources,
        public: body.public,
        firstParty: body.first_party,
        requireMfa: body.require_mfa,
        requirePar: body.require_par,
        dpop: body.dpop,
        native: body.native,
        authMethod: body.auth_method,
        jwks: body.jwks,
        jwksUri: body.jwks_uri,
        idTokenEncryption: body.id_token_encryption,
        idTokenAlg: body.id_token_alg,
        backchannelLogoutUri: body.backchannel_logout_uri,
        backchannelLogoutSessionRequired: body.backchannel_logout_session_required,
      });
      return registerClient(store, settings, { production: config.production }, change);
    },
  }),
  show: adminRoute({
    method: 'get',
    path: '/clients/{id}',
    summary: 'Show a client (without its secret)',
    tag: 'clients',
    scope: 'admin:read',
    params: ById,
    response: { status: 200, schema: Client, description: 'the client' },
    problems: [404],
    async handle({ params }, { store }) {
      const client = await store.clients.get(params.id);
      if (!client) throw new ClientError('not_found', 'client_id', `no client ${params.id}`);
      return withoutSecret(client);
    },
  }),
  update: adminRoute({
    method: 'patch',
    path: '/clients/{id}',
    summary: "Change a client's name, URIs, origins, APIs or scopes (each given replaces the old)",
    tag: 'clients',
    scope: 'admin:write',
    params: ById,
    body: ClientUpdate,
    response: { status: 200, schema: Client, description: 'the client as it is now' },
    problems: [404],
    async handle({ params, body }, { store, config, change }) {
      const changes = {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.redirect_uris === undefined ? {} : { redirectUris: body.redirect_uris }),
        ...(body.post_logout_redirect_uris === undefined
          ? {}
          : { postLogoutRedirectUris: body.post_logout_redirect_uris }),
        ...(body.cors_origins === undefined ? {} : { corsOrigins: body.cors_origins }),
        ...(body.resources === undefined ? {} : { resources: body.resources }),
        ...(body.scope === undefined ? {} : { scope: body.scope === null ? undefined : scopeList(body.scope) }),
        ...(body.require_mfa === undefined ? {} : { requireMfa: body.require_mfa }),
        ...(body.require_par === undefined ? {} : { requirePar: body.require_par }),
        ...(body.dpop === undefined ? {} : { dpop: body.dpop }),
        ...(body.backchannel_logout_uri === undefined
          ? {}
          : { backchannelLogoutUri: body.backchannel_logout_uri ?? undefined }),
        ...(body.backchannel_logout_session_required === undefined
          ? {}
          : { backchannelLogoutSessionRequired: body.backchannel_logout_session_required }),
        ...(body.jwks === undefined ? {} : { jwks: body.jwks }),
        ...(body.jwks_uri === undefined ? {} : { jwksUri: body.jwks_uri }),
        ...(body.id_token_encryption === undefined ? {} : { idTokenEncryption: body.id_token_encryption ?? undefined }),
        ...(body.id_token_alg === undefined ? {} : { idTokenAlg: body.id_token_alg }),
      };
      return withoutSecret(await updateClient(store, params.id, changes, { production: config.production }, change));
    },
  }),
  remove: adminRoute({
    method: 'delete',
    path: '/clients/{id}',
    summary: 'Remove a client',
    tag: 'clients',
    scope: 'admin:write',
    params: ById,
    response: { status: 204, description: 'removed' },
    problems: [404],
    async handle({ params }, { store, change }) {
      await removeClient(store, params.id, change);
    },
  }),
  rotateSecret: adminRoute({
    method: 'post',
    path: '/clients/{id}/rotate-secret',
    summary: 'Give a confidential client a new secret; the old one may stay valid for a grace period',
    tag: 'clients',
    scope: 'admin:write',
    params: ById,
    body: SecretRotation,
    response: { status: 200, schema: RotatedSecret, description: 'the new secret, shown only here' },
    problems: [404],
    async handle({ params, body }, { store, change }) {
      const rotated = await rotateClientSecret(store, params.id, { graceSeconds: body.grace_seconds }, change);
      const until = rotated.previousSecretExpiresAt;
      return {
        client_id: params.id,
        client_secret: rotated.clientSecret,
        previous_secret_valid_until: until === undefined ? null : new Date(until * 1000).toISOString(),
      };
    },
  }),
};
