// `ostiary client add --name N ...`: registers one client (registerClient holds the rules). A bad
// flag writes nothing and names the flag. A confidential client's secret is printed here once and
// never again.
import { Command, Option } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import { GRANTS, OIDC_SCOPES } from '../clients/ClientSettings.js';
import type { CommandDeps } from './CliDeps.js';
import { collect } from './collect.js';
import { emit } from './emit.js';
import { formatFields } from './formatFields.js';
import { parseScope } from './parseScope.js';
import { readJwks } from './readJwks.js';

interface Options {
  name: string;
  grant?: (typeof GRANTS)[number][];
  redirectUri?: string[];
  postLogoutRedirectUri?: string[];
  corsOrigin?: string[];
  scope?: string;
  resource?: string[];
  public?: boolean;
  firstParty?: boolean;
  requireMfa?: boolean;
  requirePar?: boolean;
  dpop?: boolean;
  native?: boolean;
  authMethod?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  jwks?: string;
  jwksUri?: string;
  idTokenEncryption?: 'RSA-OAEP-256' | 'ECDH-ES';
  idTokenAlg?: 'RS256' | 'ES256' | 'EdDSA';
  backchannelLogoutUri?: string;
  backchannelLogoutSessionRequired?: boolean;
  json?: boolean;
}

export function clientAdd(deps: CommandDeps): Command {
  return new Command('add')
    .description('register a client application')
    .requiredOption('--name <name>', 'the name shown on the consent page')
    .option('--grant <grant>', `a grant type, repeatable: ${GRANTS.join(', ')}`, collect)
    .option('--redirect-uri <uri>', 'an absolute URL without fragment (https in production), repeatable', collect)
    .option('--post-logout-redirect-uri <uri>', 'where logout may return to, repeatable', collect)
    .option('--cors-origin <origin>', 'a browser origin allowed to call the token endpoint, repeatable', collect)
    .option(
      '--resource <uri>',
      'a registered API it may get tokens for, repeatable; the first is the default when a request names none',
      collect,
    )
    .option(
      '--scope <scope>',
      `the OpenID scopes (${OIDC_SCOPES.join(' ')}) and API scopes it may request ` +
        '(default: every OpenID scope if it signs people in, and every scope of its APIs)',
    )
    .option('--public', 'no client secret (single-page and native apps); PKCE protects the code')
    .option('--first-party', 'one of our own applications: consent is not asked')
    .option('--require-mfa', 'only a two-step sign-in (password and code) may give it a code')
    .option('--require-par', 'its authorization requests must be pushed first (PAR, RFC 9126)')
    .option('--dpop', 'its access tokens must be bound to its key with DPoP (RFC 9449)')
    .option(
      '--native',
      'a native app (RFC 8252): allows loopback http and private-use schemes such as com.example.app:/callback',
    )
    .addOption(
      new Option(
        '--auth-method <method>',
        'how a confidential client proves itself: its secret (default: client_secret_basic), or a signed assertion (private_key_jwt, with --jwks or --jwks-uri)',
      )
        .choices(['client_secret_basic', 'client_secret_post', 'private_key_jwt'])
        .conflicts('public'),
    )
    .option('--jwks <file>', 'a JSON file holding the client’s public keys (a JWK Set), for private_key_jwt')
    .option('--jwks-uri <url>', 'where the client publishes its public keys (https), for private_key_jwt')
    .addOption(
      new Option(
        '--id-token-encryption <alg>',
        'encrypt ID tokens and userinfo to the client’s key (from --jwks or --jwks-uri)',
      ).choices(['RSA-OAEP-256', 'ECDH-ES']),
    )
    .addOption(
      new Option('--id-token-alg <alg>', 'the ID token signing algorithm').choices(['RS256', 'ES256', 'EdDSA']),
    )
    .option(
      '--backchannel-logout-uri <url>',
      'where the app is told, server to server, that a person signed out (OpenID Connect Back-Channel Logout)',
    )
    .option('--backchannel-logout-session-required', 'its logout tokens must name the session (sid)')
    .action(async (options: Options) => {
      const body = {
        name: options.name,
        grants: options.grant,
        redirect_uris: options.redirectUri,
        post_logout_redirect_uris: options.postLogoutRedirectUri,
        cors_origins: options.corsOrigin,
        scope: options.scope === undefined ? undefined : parseScope('--scope', options.scope).join(' '),
        resources: options.resource,
        public: options.public,
        first_party: options.firstParty,
        require_mfa: options.requireMfa,
        require_par: options.requirePar,
        dpop: options.dpop,
        native: options.native,
        auth_method: options.authMethod,
        jwks: options.jwks === undefined ? undefined : readJwks(options.jwks),
        jwks_uri: options.jwksUri,
        id_token_encryption: options.idTokenEncryption,
        id_token_alg: options.idTokenAlg,
        backchannel_logout_uri: options.backchannelLogoutUri,
        backchannel_logout_session_required: options.backchannelLogoutSessionRequired,
      };
      const metadata = await deps.admin()(clientRoutes.add, { body });
      emit(deps, options.json, metadata, () => formatFields(metadata));
      if (options.grant?.includes('client_credentials') && !options.resource?.length) {
        deps.err('note: without --resource this client cannot get access tokens for any API with client_credentials\n');
      }
      if (metadata.client_secret && !options.json) {
        deps.err('note: the client secret is shown only now; store it where the application can read it\n');
      }
    });
}
