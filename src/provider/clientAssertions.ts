// How clients may authenticate, in one place: a secret (basic or post), or a signed assertion with
// their own key (private_key_jwt, RFC 7523); public clients none. client_secret_jwt is not offered.
// An assertion may live at most MAX_ASSERTION_SECONDS, so remembering its jti for an hour
// (createAdapter's replay window) covers its whole life.
import { errors, type KoaContextWithOIDC } from 'oidc-provider';

export const CLIENT_AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export const MAX_ASSERTION_SECONDS = 10 * 60;

export async function limitAssertionLifetime(_ctx: KoaContextWithOIDC, claims: Record<string, unknown>): Promise<void> {
  const exp = Number(claims.exp);
  const now = Math.floor(Date.now() / 1000);
  if (exp - now > MAX_ASSERTION_SECONDS) {
    throw new errors.InvalidClientAuth(`a client assertion may live at most ${MAX_ASSERTION_SECONDS} seconds`);
  }
}
