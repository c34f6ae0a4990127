// `ostiary client add --name N ...`: validates every flag, then registers one client as the
// metadata oidc-provider reads (plus our first_party, cors_origins and default_resource). A bad
// flag writes nothing. A confidential client's secret is printed here once and never again.
import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import type { ClientMetadata, Store } from '../store/Store.js';
import type { CliDeps } from './CliDeps.js';
import { checkOrigin } from './checkOrigin.js';
import { checkRedirectUri } from './checkRedirectUri.js';
import { collect } from './collect.js';
import { emit } from './emit.js';
import { UsageError } from './errors.js';
import { formatFields } from './formatFields.js';
import { parseScope } from './parseScope.js';

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
const DEFAULT_GRANTS = ['authorization_code', 'refresh_token'];
const DEFAULT_SCOPE = ['openid', 'email', 'profile', 'offline_access'];

interface Options {
  name: string;
  grant?: string[];
  redirectUri?: string[];
  postLogoutRedirectUri?: string[];
  corsOrigin?: string[];
  scope?: string;
  resource?: string;
  public?: boolean;
  firstParty?: boolean;
  native?: boolean;
  authMethod?: 'client_secret_basic' | 'client_secret_post';
  idTokenAlg?: 'RS256' | 'ES256' | 'EdDSA';
  json?: boolean;
}

function checkGrants(options: Options): string[] {
  const grants = [...new Set(options.grant ?? DEFAULT_GRANTS)];
  const unknown = grants.find((grant) => !(GRANTS as readonly string[]).includes(grant));
  if (unknown) throw new UsageError('--grant', `unknown grant "${unknown}"; one of ${GRANTS.join(', ')}`);
  if (options.public && grants.includes('client_credentials')) {
    throw new UsageError('--grant', 'a public client cannot use client_credentials: it has no secret to prove itself');
  }
  if (grants.includes('refresh_token') && !grants.includes('authorization_code')) {
    throw new UsageError('--grant', 'refresh_token needs authorization_code (refresh tokens come from user sign-ins)');
  }
  return grants;
}

function checkUris(flag: string, uris: readonly string[], options: Options, codeFlow: boolean): string[] {
  if (uris.length && !codeFlow) throw new UsageError(flag, 'only used with the authorization_code grant');
  return uris.map((uri) => checkRedirectUri(flag, uri, Boolean(options.native)));
}

/**
 * The client's `scope` metadata lists the OpenID scopes it may ask for. oidc-provider accepts
 * only scopes it knows there; an API's scopes are governed by the API's registration instead.
 */
function clientScope(options: Options): string {
  if (options.scope === undefined) return DEFAULT_SCOPE.join(' ');
  const tokens = parseScope('--scope', options.scope);
  const unknown = tokens.find((token) => !DEFAULT_SCOPE.includes(token));
  if (unknown) {
    throw new UsageError(
      '--scope',
      `"${unknown}" is not an OpenID scope; one or more of ${DEFAULT_SCOPE.join(', ')} (API scopes come from the resource)`,
    );
  }
  return tokens.join(' ');
}

async function defaultResource(store: Store, options: Options): Promise<string | undefined> {
  if (options.resource === undefined) return undefined;
  const resource = await store.resources.get(options.resource);
  if (!resource) {
    throw new UsageError('--resource', `no resource "${options.resource}" (register it with ostiary resource add)`);
  }
  return resource.id;
}

const randomToken = (bytes: number) => randomBytes(bytes).toString('base64url');

/** 16 random bytes, base64url; never starting with "-", which a command line would read as a flag. */
function newClientId(): string {
  for (;;) {
    const id = randomToken(16);
    if (!id.startsWith('-')) return id;
  }
}

export function clientAdd(deps: CliDeps): Command {
  return new Command('add')
    .description('register a client application')
    .requiredOption('--name <name>', 'the name shown on the consent page')
    .option('--grant <grant>', `a grant type, repeatable: ${GRANTS.join(', ')}`, collect)
    .option('--redirect-uri <uri>', 'an absolute http(s) URL without fragment, repeatable', collect)
    .option('--post-logout-redirect-uri <uri>', 'where logout may return to, repeatable', collect)
    .option('--cors-origin <origin>', 'a browser origin allowed to call the token endpoint, repeatable', collect)
    .option(
      '--scope <scope>',
      'space-separated OpenID scopes the client may request (default: openid email profile offline_access)',
    )
    .option('--resource <uri>', 'the registered resource its access tokens are for when it names none')
    .option('--public', 'no client secret (single-page and native apps); PKCE protects the code')
    .option('--first-party', 'one of our own applications: consent is not asked')
    .option(
      '--native',
      'a native app (RFC 8252): allows loopback http and private-use schemes such as com.example.app:/callback',
    )
    .addOption(
      new Option('--auth-method <method>', 'how a confidential client sends its secret (default: client_secret_basic)')
        .choices(['client_secret_basic', 'client_secret_post'])
        .conflicts('public'),
    )
    .addOption(
      new Option('--id-token-alg <alg>', 'the ID token signing algorithm').choices(['RS256', 'ES256', 'EdDSA']),
    )
    .action(async (options: Options) => {
      const name = options.name.trim();
      if (!name) throw new UsageError('--name', 'a non-empty name');
      const grants = checkGrants(options);
      const codeFlow = grants.includes('authorization_code');
      const redirectUris = checkUris('--redirect-uri', options.redirectUri ?? [], options, codeFlow);
      if (codeFlow && redirectUris.length === 0) {
        throw new UsageError('--redirect-uri', 'required with the authorization_code grant (give at least one)');
      }
      const postLogoutRedirectUris = checkUris(
        '--post-logout-redirect-uri',
        options.postLogoutRedirectUri ?? [],
        options,
        codeFlow,
      );
      const corsOrigins = [
        ...new Set((options.corsOrigin ?? []).map((origin) => checkOrigin('--cors-origin', origin))),
      ];
      const scope = clientScope(options); // before opening the store
      const store = await deps.openStore();
      const resource = await defaultResource(store, options);

      const metadata: ClientMetadata = {
        client_id: newClientId(),
        ...(options.public ? {} : { client_secret: randomToken(32) }),
        client_name: name,
        application_type: options.native ? 'native' : 'web',
        grant_types: grants,
        response_types: codeFlow ? ['code'] : [],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        token_endpoint_auth_method: options.public ? 'none' : (options.authMethod ?? 'client_secret_basic'),
        ...(options.idTokenAlg ? { id_token_signed_response_alg: options.idTokenAlg } : {}),
        scope,
        ...(options.firstParty ? { first_party: true } : {}),
        ...(corsOrigins.length ? { cors_origins: corsOrigins } : {}),
        ...(resource ? { default_resource: resource } : {}),
      };
      await store.clients.put(metadata);
      emit(deps, options.json, metadata, () => formatFields(metadata));
      if (grants.includes('client_credentials') && !resource) {
        deps.err('note: without --resource this client cannot get access tokens for any API with client_credentials\n');
      }
      if (metadata.client_secret && !options.json) {
        deps.err('note: the client secret is shown only now; store it where the application can read it\n');
      }
    });
}
