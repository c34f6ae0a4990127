// The settings of a new client from what its registrant gave: every list defaults to empty, the
// grants to authorization_code + refresh_token, every flag to false. The CLI and the admin API
// both start a registration here.
import { type ClientSettings, DEFAULT_GRANTS } from './ClientSettings.js';

export type ClientRequest = Pick<ClientSettings, 'name'> &
  Partial<Omit<ClientSettings, 'name' | 'public' | 'firstParty' | 'requireMfa' | 'requirePar' | 'native'>> & {
    readonly public?: boolean | undefined;
    readonly firstParty?: boolean | undefined;
    readonly requireMfa?: boolean | undefined;
    readonly requirePar?: boolean | undefined;
    readonly native?: boolean | undefined;
  };

export function newClientSettings(request: ClientRequest): ClientSettings {
  return {
    name: request.name,
    grants: request.grants ?? [...DEFAULT_GRANTS],
    redirectUris: request.redirectUris ?? [],
    postLogoutRedirectUris: request.postLogoutRedirectUris ?? [],
    corsOrigins: request.corsOrigins ?? [],
    scope: request.scope,
    resources: request.resources ?? [],
    public: Boolean(request.public),
    firstParty: Boolean(request.firstParty),
    requireMfa: Boolean(request.requireMfa),
    requirePar: Boolean(request.requirePar),
    dpop: Boolean(request.dpop),
    native: Boolean(request.native),
    authMethod: request.authMethod,
    jwks: request.jwks,
    jwksUri: request.jwksUri,
    idTokenEncryption: request.idTokenEncryption,
    idTokenAlg: request.idTokenAlg,
    backchannelLogoutUri: request.backchannelLogoutUri,
    backchannelLogoutSessionRequired: Boolean(request.backchannelLogoutSessionRequired),
  };
}
