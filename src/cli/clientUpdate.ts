// `ostiary client update ID [--name N] [--redirect-uri U]... [--post-logout-redirect-uri U]...
// [--cors-origin O]... [--resource URI]... [--scope "S"] [--(no-)require-mfa] [--(no-)require-par] [--(no-)dpop]
// [--(no-)backchannel-logout-uri U] [--(no-)backchannel-logout-session-required] [--jwks FILE | --jwks-uri U]
// [--id-token-encryption ALG | --no-id-token-encryption] [--id-token-alg ALG]`: changes an existing client
// (clients.update; updateClient holds the rules). A list flag replaces the whole list; --no-<flag> empties it, and
// --no-scope returns to the default scopes. The secret is neither changed nor shown.
import { Command, Option } from 'commander';
import { clientRoutes } from '../admin/routes/clientRoutes.js';
import type { CommandDeps } from './CliDeps.js';
import { collect } from './collect.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { formatFields } from './formatFields.js';
import { parseScope } from './parseScope.js';
import { readJwks } from './readJwks.js';

interface Options {
  name?: string;
  redirectUri?: string[];
  postLogoutRedirectUri?: string[] | false;
  corsOrigin?: string[] | false;
  resource?: string[] | false;
  scope?: string | false;
  requireMfa?: boolean;
  requirePar?: boolean;
  dpop?: boolean;
  backchannelLogoutUri?: string | false;
  backchannelLogoutSessionRequired?: boolean;
  jwks?: string;
  jwksUri?: string;
  idTokenEncryption?: 'RSA-OAEP-256' | 'ECDH-ES' | false;
  idTokenAlg?: 'RS256' | 'ES256' | 'EdDSA';
  json?: boolean;
}

/** The admin API's ClientUpdate body: only what a flag names. */
function changesOf(options: Options) {
  const list = (value: string[] | false | undefined) => (value === false ? [] : value);
  const scope =
    options.scope === undefined
      ? undefined
      : options.scope === false
        ? null
        : parseScope('--scope', options.scope).join(' ');
  const changes = {
    name: options.name,
    redirect_uris: options.redirectUri,
    post_logout_redirect_uris: list(options.postLogoutRedirectUri),
    cors_origins: list(options.corsOrigin),
    resources: list(options.resource),
    scope,
    require_mfa: options.requireMfa,
    require_par: options.requirePar,
    dpop: options.dpop,
    backchannel_logout_uri: options.backchannelLogoutUri === false ? null : options.backchannelLogoutUri,
    backchannel_logout_session_required: options.backchannelLogoutSessionRequired,
    jwks: options.jwks === undefined ? undefined : readJwks(options.jwks),
    jwks_uri: options.jwksUri,
    id_token_encryption: options.idTokenEncryption === false ? null : options.idTokenEncryption,
    id_token_alg: options.idTokenAlg,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<
    typeof changes
  >;
}

export function clientUpdate(deps: CommandDeps): Command {
  return new Command('update')
    .description(
      "change a client's name, redirect URIs, logout URIs, CORS origins, APIs, scopes, back-channel logout, keys, ID token encryption and algorithm, or whether it requires two-step sign-in, PAR or DPoP",
    )
    .argument('<client_id>', 'the client to change')
    .option('--name <name>', 'the name shown on the consent page')
    .option('--redirect-uri <uri>', 'replaces the redirect URIs, repeatable', collect)
    .option('--post-logout-redirect-uri <uri>', 'replaces the post-logout URIs, repeatable', collect)
    .option('--no-post-logout-redirect-uri', 'removes every post-logout URI')
    .option('--cors-origin <origin>', 'replaces the CORS origins, repeatable', collect)
    .option('--no-cors-origin', 'removes every CORS origin')
    .option(
      '--resource <uri>',
      'replaces the APIs it may get tokens for, repeatable (the first is the default)',
      collect,
    )
    .option('--no-resource', 'removes every API')
    .option('--scope <scope>', 'replaces the OpenID and API scopes it may request')
    .option('--no-scope', 'returns to the default scopes')
    .option('--require-mfa', 'only a two-step sign-in may give it a code from now on')
    .option('--no-require-mfa', 'a password sign-in is enough again')
    .option('--require-par', 'its authorization requests must be pushed first (PAR) from now on')
    .option('--no-require-par', 'plain authorization requests are accepted again')
    .option('--dpop', 'its access tokens must be bound to its key with DPoP from now on')
    .option('--no-dpop', 'bearer access tokens are accepted again')
    .option('--backchannel-logout-uri <url>', 'where the app is told that a person signed out (back-channel logout)')
    .option('--no-backchannel-logout-uri', 'the app is not told of sign-outs any more')
    .option('--backchannel-logout-session-required', 'its logout tokens must name the session (sid)')
    .option('--no-backchannel-logout-session-required', 'its logout tokens may name the person only')
    .addOption(
      new Option('--jwks <file>', 'replaces the client’s public keys with this JWK Set file').conflicts('jwksUri'),
    )
    .option('--jwks-uri <url>', 'replaces where the client publishes its public keys (https)')
    .addOption(
      new Option('--id-token-encryption <alg>', 'encrypt ID tokens and userinfo to the client’s key').choices([
        'RSA-OAEP-256',
        'ECDH-ES',
      ]),
    )
    .option('--no-id-token-encryption', 'ID tokens and userinfo are signed only again')
    .addOption(
      new Option('--id-token-alg <alg>', 'the ID token signing algorithm').choices(['RS256', 'ES256', 'EdDSA']),
    )
    .action(async (clientId: string, options: Options) => {
      const changes = changesOf(options);
      if (Object.keys(changes).length === 0)
        throw new UsageError('<client_id>', 'nothing to change: give at least one flag');
      const shown = await deps.admin()(clientRoutes.update, { params: { id: clientId }, body: changes });
      emit(deps, options.json, shown, () => formatFields(shown));
    });
}
