// Holds clients that authenticate with a secret to what they registered, at every endpoint that
// authenticates them (token, introspection, revocation):
// - the method: oidc-provider accepts client_secret_basic and client_secret_post from a client
//   registered for either; a client registered for one must use that one (RFC 7591 2);
// - guessing: failed secrets lock the client_id by the sign-in rule (clientAuthThrottle), 429
//   with Retry-After while locked, whatever secret comes;
// - rotation: during the grace period `client rotate-secret --grace` gave it, the previous secret
//   is accepted too (compared in constant time), and not a second later.
// oidc-provider has no hook around client authentication; compareClientSecret is the one place
// every presented secret passes, so it is wrapped on this provider instance's own Client class.
import { createHash, timingSafeEqual } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
import type { ClientAuthThrottle } from '../throttle/clientAuthThrottle.js';
import { tryAgainIn } from '../throttle/Refusal.js';
import { storeCall } from './storeCall.js';
import { thenMaybe } from './thenMaybe.js';

interface SecretHolder {
  clientId: string;
  clientAuthMethod: string;
  previous_client_secret?: string;
  previous_secret_expires_at?: number;
}
type Compare = (this: SecretHolder, secret: string) => Promise<boolean> | boolean;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The rotated-out secret, while its grace period lasts (`now` in epoch ms). */
function matchesPrevious(client: SecretHolder, secret: string, now: number): boolean {
  const previous = client.previous_client_secret;
  const until = client.previous_secret_expires_at;
  if (typeof previous !== 'string' || typeof until !== 'number' || now / 1000 >= until) return false;
  return timingSafeEqual(digest(previous), digest(secret)); // equal lengths, whatever was sent
}

/** invalid_client, as any failed authentication, but 429 and saying when to come back. */
function throttled(retryAfterSeconds: number): Error {
  const error_description = `too many failed client authentications; ${tryAgainIn({ retryAfterSeconds })}`;
  return Object.assign(new errors.InvalidClientAuth('client_id locked'), {
    status: 429,
    statusCode: 429,
    error_description,
  });
}

/** A store failure on the way becomes a 503 temporarily_unavailable (storeCall). */
const surfaced = <T>(value: T | Promise<T>): T | Promise<T> =>
  value instanceof Promise ? storeCall(() => value) : value;

export function holdClientAuthentication(
  provider: Provider,
  throttle: ClientAuthThrottle,
  now: () => number = Date.now,
): void {
  const prototype = provider.Client.prototype as unknown as { compareClientSecret: Compare };
  const compare = prototype.compareClientSecret;
  // Not async: a client whose throttling state this instance knows is checked without a promise.
  prototype.compareClientSecret = function compareClientSecret(secret) {
    const ctx = Provider.ctx;
    // oidc-provider refuses a secret sent both ways, so a Basic header means basic, else post.
    const used = ctx?.get('authorization') ? 'client_secret_basic' : 'client_secret_post';
    if (this.clientAuthMethod !== used) {
      // The reason goes to the log (error_detail), not to the caller, as for any failed authentication.
      throw new errors.InvalidClientAuth(`registered for ${this.clientAuthMethod}, used ${used}`);
    }
    return thenMaybe(surfaced(throttle.check(this.clientId)), (refusal) => {
      if (refusal) {
        ctx?.set('Retry-After', String(refusal.retryAfterSeconds));
        throw throttled(refusal.retryAfterSeconds);
      }
      return thenMaybe(compare.call(this, secret), (current) =>
        current || matchesPrevious(this, secret, now())
          ? thenMaybe(surfaced(throttle.succeeded(this.clientId)), () => true)
          : thenMaybe(surfaced(throttle.failed(this.clientId)), () => false),
      );
    });
  };
}
