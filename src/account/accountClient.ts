// The account page signs people in as any application does: as a built-in, first-party public
// client of this provider (no secret, PKCE, no consent), known to oidc-provider as a static client,
// so it is neither stored, listed, nor removable. Its only redirect URI is the account page's
// callback.
import type { ClientMetadata } from '../store/Store.js';

export const ACCOUNT_CLIENT_ID = 'ostiary-account';

export const accountCallback = (issuerId: string) => `${issuerId}/account/callback`;

export function accountClient(issuerId: string): ClientMetadata {
  return {
    client_id: ACCOUNT_CLIENT_ID,
    client_name: 'Your account',
    application_type: 'web',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [accountCallback(issuerId)],
    post_logout_redirect_uris: [`${issuerId}/account`],
    token_endpoint_auth_method: 'none',
    scope: 'openid',
    first_party: true,
  };
}
