// The admin API's JSON shapes, as zod schemas: they validate requests and, through
// z.toJSONSchema, describe them in the OpenAPI document. Member names follow the JSON the API
// answers with (snake_case like OAuth metadata for clients, as the CLI's --json for the rest).
import { z } from 'zod';
import { GRANTS } from '../clients/ClientSettings.js';
import { MAX_SECRET_GRACE_SECONDS } from '../clients/rotateClientSecret.js';

export const Id = z.string().min(1).max(512);

export const Account = z
  .object({
    accountId: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    name: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.string().describe('ISO 8601'),
    roles: z.array(z.string()),
    groups: z.array(z.string()),
    attributes: z.record(z.string(), z.string()),
    factors: z
      .object({
        totp: z.boolean(),
        recoveryCodesLeft: z.number().int(),
        passkeys: z.array(
          z.object({
            name: z.string(),
            createdAt: z.string().describe('ISO 8601'),
            lastUsedAt: z.string().nullable().describe('ISO 8601; null when never used to sign in'),
            synced: z
              .boolean()
              .describe('whether the authenticator syncs it (a password manager) or keeps it on one device'),
          }),
        ),
      })
      .describe('the second factors it has, never their secrets'),
  })
  .meta({ id: 'Account' });

export const AccountPage = z
  .object({
    users: z.array(Account),
    next_cursor: z.string().nullable().describe('pass it as ?cursor= for the next page; null on the last'),
  })
  .meta({ id: 'AccountPage' });

export const NewAccount = z
  .object({
    email: z.string().describe('unique whatever the letter case'),
    password: z.string().describe('at least 8 characters, not guessable'),
    name: z.string().optional(),
    send_verification: z
      .boolean()
      .optional()
      .describe('mail a link that confirms the address; until it is used email_verified is false (needs SMTP_URL)'),
  })
  .strict()
  .meta({ id: 'NewAccount' });

export const CreatedAccount = Account.extend({
  verification_sent: z.boolean().optional().describe('with send_verification: whether the mail left'),
  verification_error: z.string().optional().describe('why it did not'),
}).meta({ id: 'CreatedAccount' });

export const AccountUpdate = z
  .object({
    password: z.string().optional().describe('a new password: the account is signed out everywhere'),
    disabled: z.boolean().optional().describe('true disables the account and revokes everything it holds'),
    roles: z.array(z.string()).optional().describe('replaces the roles ([] removes them all)'),
    groups: z.array(z.string()).optional().describe('replaces the groups ([] removes them all)'),
    attributes: z
      .record(z.string(), z.string().nullable())
      .optional()
      .describe('sets these attributes; null removes one, the others stay'),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'give password, disabled, roles, groups or attributes')
  .meta({ id: 'AccountUpdate' });

export const Grant = z
  .object({
    grantId: z.string(),
    clientId: z.string(),
    scope: z.string().describe('the OpenID scopes granted'),
    resources: z.record(z.string(), z.string()).describe('each API granted, with its scopes'),
    createdAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Grant' });

export const GrantList = z.object({ grants: z.array(Grant) }).meta({ id: 'GrantList' });

export const Session = z
  .object({
    sessionId: z.string(),
    signedInAt: z.string().nullable(),
    clients: z.array(z.string()).describe('the clients it signed in to'),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Session' });

export const SessionList = z.object({ sessions: z.array(Session) }).meta({ id: 'SessionList' });

export const AccountQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(1024).optional(),
    email: z.string().max(320).optional().describe('only the account with this email, whatever the letter case'),
  })
  .strict();

const uris = z.array(z.string());

export const NewClient = z
  .object({
    name: z.string().min(1),
    grants: z.array(z.enum(GRANTS)).optional().describe('default: authorization_code and refresh_token'),
    redirect_uris: uris.optional(),
    post_logout_redirect_uris: uris.optional(),
    cors_origins: uris.optional(),
    resources: uris.optional().describe('the registered APIs it may get tokens for; the first is the default'),
    scope: z.string().optional().describe('space-separated OpenID and API scopes it may request'),
    public: z.boolean().optional(),
    first_party: z.boolean().optional(),
    require_mfa: z.boolean().optional().describe('only a two-factor sign-in may give it a code'),
    require_par: z.boolean().optional().describe('its authorization requests must be pushed first (PAR, RFC 9126)'),
    dpop: z.boolean().optional().describe('its access tokens must be bound to its key with DPoP (RFC 9449)'),
    native: z.boolean().optional(),
    auth_method: z
      .enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt'])
      .optional()
      .describe('private_key_jwt: the client signs assertions with its key (give jwks or jwks_uri); it gets no secret'),
    jwks: z
      .object({ keys: z.array(z.record(z.string(), z.unknown())) })
      .optional()
      .describe('the client’s public keys, a JWK Set'),
    jwks_uri: z.string().optional().describe('where the client publishes its public keys (https)'),
    id_token_encryption: z
      .enum(['RSA-OAEP-256', 'ECDH-ES'])
      .optional()
      .describe('encrypt ID tokens and userinfo to the client’s key (nested JWT, content A256GCM)'),
    id_token_alg: z.enum(['RS256', 'ES256', 'EdDSA']).optional(),
    backchannel_logout_uri: z
      .string()
      .optional()
      .describe('where it is told that a person signed out (OpenID Connect Back-Channel Logout 1.0)'),
    backchannel_logout_session_required: z
      .boolean()
      .optional()
      .describe('its logout tokens must name the session (sid)'),
  })
  .strict()
  .meta({ id: 'NewClient' });

export const ClientUpdate = z
  .object({
    name: z.string().min(1).optional(),
    redirect_uris: uris.optional(),
    post_logout_redirect_uris: uris.optional(),
    cors_origins: uris.optional(),
    resources: uris.optional(),
    scope: z.string().nullable().optional().describe('null: back to the defaults'),
    require_mfa: z.boolean().optional(),
    require_par: z.boolean().optional(),
    dpop: z.boolean().optional(),
    backchannel_logout_uri: z.string().nullable().optional().describe('null: not told of sign-outs any more'),
    backchannel_logout_session_required: z.boolean().optional(),
    jwks: z
      .object({ keys: z.array(z.record(z.string(), z.unknown())) })
      .optional()
      .describe('replaces the client’s public keys (and a jwks_uri)'),
    jwks_uri: z.string().optional().describe('replaces where the client publishes its keys (and inline jwks)'),
    id_token_encryption: z
      .enum(['RSA-OAEP-256', 'ECDH-ES'])
      .nullable()
      .optional()
      .describe('null: ID tokens and userinfo are no longer encrypted'),
    id_token_alg: z.enum(['RS256', 'ES256', 'EdDSA']).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to change')
  .meta({ id: 'ClientUpdate' });

export const Client = z
  .object({ client_id: z.string(), client_name: z.string().optional() })
  .catchall(z.unknown())
  .describe('the OAuth client metadata (RFC 7591), without its secret')
  .meta({ id: 'Client' });

export const ClientWithSecret = z
  .object({ client_id: z.string(), client_secret: z.string().optional().describe('shown only in this answer') })
  .catchall(z.unknown())
  .meta({ id: 'ClientWithSecret' });

export const SecretRotation = z
  .object({ grace_seconds: z.number().int().min(0).max(MAX_SECRET_GRACE_SECONDS).default(0) })
  .strict()
  .meta({ id: 'SecretRotation' });

export const RotatedSecret = z
  .object({
    client_id: z.string(),
    client_secret: z.string().describe('shown only in this answer'),
    previous_secret_valid_until: z.string().nullable(),
  })
  .meta({ id: 'RotatedSecret' });

/** An initial access token lives at most 30 days: a registration pipeline asks for a new one. */
export const MAX_REGISTRATION_TOKEN_SECONDS = 30 * 86_400;

export const NewRegistrationToken = z
  .object({
    expires_in: z
      .number()
      .int()
      .min(60)
      .max(MAX_REGISTRATION_TOKEN_SECONDS)
      .default(86_400)
      .describe('seconds it can be used for (default: a day)'),
    uses: z.number().int().min(1).max(1000).default(1).describe('how many clients it may register (default: one)'),
  })
  .strict()
  .meta({ id: 'NewRegistrationToken' });

export const RegistrationToken = z
  .object({
    token: z.string().describe('the initial access token (RFC 7591), shown only in this answer'),
    expires_at: z.string(),
    uses: z.number().int(),
    registration_endpoint: z.string(),
  })
  .meta({ id: 'RegistrationToken' });

export const Resource = z
  .object({
    id: z.string(),
    scope: z.string(),
    accessTokenTtl: z.number().int().nullable(),
    createdAt: z.string(),
    claims: z.array(z.string()).describe('the account claims its access tokens carry'),
  })
  .meta({ id: 'Resource' });

export const NewResource = z
  .object({
    id: z.string().describe("an absolute URI without fragment: the tokens' aud"),
    scope: z.string().describe('space-separated, such as "read write"'),
    access_token_ttl: z.number().int().positive().optional().describe('seconds; default ACCESS_TOKEN_TTL'),
    claims: z
      .array(z.string())
      .optional()
      .describe('the account claims its access tokens carry: roles, groups, attribute keys (default: none)'),
  })
  .strict()
  .meta({ id: 'NewResource' });

export const ResourceUpdate = z
  .object({
    scope: z.string().optional(),
    access_token_ttl: z.number().int().positive().nullable().optional().describe('null: ACCESS_TOKEN_TTL'),
    claims: z.array(z.string()).optional().describe('replaces the account claims its tokens carry ([] for none)'),
    force: z.boolean().optional().describe('drop scopes even if clients are limited to them'),
  })
  .strict()
  .meta({ id: 'ResourceUpdate' });

export const Key = z
  .object({
    kid: z.string(),
    alg: z.string(),
    state: z.enum(['next', 'current', 'retired']),
    createdAt: z.string(),
    transition: z.object({ next: z.enum(['current', 'removed']), at: z.string().optional() }).optional(),
  })
  .meta({ id: 'Key' });

export const KeyList = z.object({ keys: z.array(Key) }).meta({ id: 'KeyList' });

export const KeyRotation = z
  .object({
    alg: z
      .enum(['RS256', 'ES256', 'EdDSA'])
      .optional()
      .describe('only this algorithm, or a first key of it (default: every algorithm that has a key)'),
    cookie: z.boolean().optional().describe('rotate the cookie secret instead'),
  })
  .strict()
  .meta({ id: 'KeyRotation' });

export const AnnouncedKeys = z
  .object({ keys: z.array(z.object({ kid: z.string(), alg: z.string(), activatesAt: z.string() })) })
  .meta({ id: 'AnnouncedKeys' });

export const ResourceList = z.object({ resources: z.array(Resource) }).meta({ id: 'ResourceList' });
export const ClientList = z.object({ clients: z.array(Client) }).meta({ id: 'ClientList' });
