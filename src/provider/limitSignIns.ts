// Provider middleware for GET /auth, before oidc-provider reads the request. Every new sign-in is
// stored (an Interaction, until INTERACTION_TTL), so anonymous requests must not be able to fill a
// store that runs with noeviction:
// - the request's parameters weigh at most 3 KB, counting twice those oidc-provider keeps twice
//   (login_hint, id_token_hint and max_age also go into the login prompt's details), and carry no
//   control characters (which JSON would escape to six bytes each): what is stored stays under
//   4 KB. Larger requests belong in a request object;
// - one client address starts at most LOGIN_IP_LIMIT sign-ins a minute (interactionThrottle):
//   429 with Retry-After beyond that. A request that started no sign-in (a signed-in browser sent
//   straight back) is given back.
// Errors here are rendered as pages: oidc-provider's own error handling starts after routing.
import type { KoaContextWithOIDC } from 'oidc-provider';
import { StoreUnavailableError } from '../store/errors.js';
import type { InteractionThrottle } from '../throttle/interactionThrottle.js';
import { tryAgainIn } from '../throttle/Refusal.js';
import type { ProviderPages } from './providerPages.js';
import { ROUTES } from './providerRoutes.js';

export const MAX_AUTHORIZATION_REQUEST_BYTES = 3 * 1024;
const INTERACTION_PREFIX = '/interaction/';
// C0 controls but tab, line feed and carriage return (a pretty-printed `claims` may hold those).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

async function refuse(ctx: KoaContextWithOIDC, pages: ProviderPages, status: number, error: string, text: string) {
  ctx.status = status;
  await pages.renderError(ctx, { error, error_description: text }, new Error(text));
}

/** Parameters oidc-provider stores in the interaction's params and again in its login prompt. */
const KEPT_TWICE = ['login_hint', 'id_token_hint', 'max_age'];

function requestProblem(querystring: string): string | undefined {
  const params = new URLSearchParams(querystring);
  const twice = KEPT_TWICE.reduce((sum, name) => sum + Buffer.byteLength(params.get(name) ?? ''), 0);
  if (Buffer.byteLength(querystring) + twice > MAX_AUTHORIZATION_REQUEST_BYTES) {
    return `The sign-in request is too long (at most ${MAX_AUTHORIZATION_REQUEST_BYTES} bytes of parameters).`;
  }
  return [...params.values()].some((value) => CONTROL_CHARACTERS.test(value))
    ? 'The sign-in request has control characters in its parameters.'
    : undefined;
}

export function limitSignIns(throttle: InteractionThrottle, pages: ProviderPages) {
  async function limited(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    const problem = requestProblem(ctx.querystring);
    if (problem) return refuse(ctx, pages, 400, 'invalid_request', problem);
    // With the store down nothing can be stored either: let oidc-provider answer as it does for
    // every outage (an error back to a client it knows, or the page).
    const refusal = await throttle.admit(ctx.ip).catch((error: unknown) => {
      if (error instanceof StoreUnavailableError) return 'unavailable' as const;
      throw error;
    });
    if (refusal === 'unavailable') return next();
    if (refusal) {
      ctx.set('Retry-After', String(refusal.retryAfterSeconds));
      return refuse(
        ctx,
        pages,
        429,
        'temporarily_unavailable',
        `Too many sign-ins from your network; ${tryAgainIn(refusal)}.`,
      );
    }
    await next();
    const started = ctx.status === 303 && ctx.response.get('location').startsWith(INTERACTION_PREFIX);
    if (!started) await throttle.giveBack(ctx.ip).catch(() => {}); // best effort: the count expires anyway
  }
  return function limitSignInsMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    return ctx.path === ROUTES.authorization && ctx.method === 'GET' ? limited(ctx, next) : next();
  };
}
