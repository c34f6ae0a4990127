// Makes refresh token rotation all-or-nothing, and decides what a second use of a refresh token
// means. oidc-provider consumes the old token, then saves the new one and the access token; if the
// store failed in between, the user would be left with a spent token and no new one, and retrying
// would look like reuse and revoke the family. So the adapter only checks the old token during the
// request and records it here; once the token response is ready (200), one atomic consume commits
// the rotation. A failed request consumes nothing.
//
// Two uses of one refresh token:
// - within REFRESH_TOKEN_REUSE_INTERVAL of the first (when it is set): the second gets a fresh pair
//   of the same grant (for clients that lose a response, or tabs refreshing together);
// - within RACE_WINDOW_SECONDS, the interval being shorter: two requests sent together (tabs
//   refreshing at once). One commits first; the other gets invalid_grant and what it issued is
//   destroyed, but nothing is revoked, so the winner's new refresh token works. The two cannot be
//   told apart, so neither is taken for a thief (the price: a thief who uses a stolen token less
//   than two seconds before its owner is not caught by that use);
// - later: reuse, and oidc-provider revokes the whole family (RFC 9700 4.14.2).
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { ArtifactPayload, ArtifactStore } from '../store/Store.js';
import { ROUTES } from './providerRoutes.js';
import { storeCall } from './storeCall.js';

interface Pending {
  readonly model: string;
  readonly id: string;
}

export const DEFERRED_MODELS = new Set(['RefreshToken']);

/**
 * Seconds after its first use during which a refresh token presented again is taken for a
 * concurrent request, not a replay. 2 s: requests sent together reach the store within
 * milliseconds, but a busy server may read a late one after the first has committed; `consumed`
 * is kept in whole seconds.
 */
export const RACE_WINDOW_SECONDS = 2;

/** What the request issued in place of the token it rotated. */
const ISSUED = ['RefreshToken', 'AccessToken'] as const;

export interface RotationOptions {
  /** REFRESH_TOKEN_REUSE_INTERVAL in seconds; 0 is strict. */
  readonly reuseInterval: number;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

export function deferredRotation(artifacts: ArtifactStore, { reuseInterval, now }: RotationOptions) {
  const pending = new WeakMap<object, Pending>();
  /** Spent at most `seconds` ago. */
  const spentWithin = (payload: ArtifactPayload | undefined, seconds: number) =>
    seconds > 0 && typeof payload?.consumed === 'number' && now() / 1000 - payload.consumed <= seconds;
  const readWindow = Math.max(reuseInterval, RACE_WINDOW_SECONDS);

  /** Called by the adapter instead of consuming; false when there is no request to defer to. */
  function defer(model: string, id: string): boolean {
    const ctx = Provider.ctx;
    if (!ctx) return false;
    pending.set(ctx, { model, id });
    return true;
  }

  /**
   * A refresh token as oidc-provider should read it: unspent within the reuse interval or the race
   * window, so it rotates and the commit decides (a fresh pair, or a lost race) instead of a revoke.
   */
  function asRead(model: string, payload: ArtifactPayload | undefined): ArtifactPayload | undefined {
    if (!DEFERRED_MODELS.has(model) || !spentWithin(payload, readWindow)) return payload;
    const { consumed: _spent, ...unspent } = payload as ArtifactPayload;
    return unspent;
  }

  async function lostRace(ctx: KoaContextWithOIDC) {
    await Promise.all(
      ISSUED.map((kind) => ctx.oidc.entities[kind]?.destroy().catch(() => {})), // best effort: nobody holds them
    );
    const lost = new errors.InvalidGrant('refresh token was used concurrently');
    ctx.status = lost.statusCode;
    ctx.body = { error: lost.error, error_description: lost.error_description };
  }

  async function committing(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    const rotation = pending.get(ctx);
    if (!rotation || ctx.status !== 200) return;
    const outcome = await storeCall(() => artifacts.consume(rotation.model, rotation.id)).catch((error: Error) => {
      ctx.status = 503;
      ctx.body = {
        error: 'temporarily_unavailable',
        error_description: (error as { error_description?: string }).error_description,
      };
      return undefined;
    });
    if (outcome === undefined || outcome === 'consumed') return;
    if (outcome === 'already-consumed') {
      const payload = await artifacts.find(rotation.model, rotation.id).catch(() => undefined);
      if (spentWithin(payload, reuseInterval)) return;
    }
    await lostRace(ctx);
  }

  /** Provider middleware: commits the rotation a token request deferred (POST /token only). */
  function commitRotation(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    return ctx.method === 'POST' && ctx.path === ROUTES.token ? committing(ctx, next) : next();
  }

  return { defer, asRead, commitRotation };
}
