// Makes refresh token rotation all-or-nothing. oidc-provider consumes the old token, then saves
// the new one and the access token; if the store failed in between, the user would be left with a
// spent token and no new one, and retrying would look like reuse and revoke the family. So the
// adapter only checks the old token during the request and records it here; once the token
// response is ready (200), one atomic consume commits the rotation. A lost race at that moment is
// reuse: the family is revoked and the answer becomes invalid_grant. A failed request consumes
// nothing.
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { ArtifactStore } from '../store/Store.js';
import { storeCall } from './storeCall.js';

interface Pending {
  readonly model: string;
  readonly id: string;
}

export const DEFERRED_MODELS = new Set(['RefreshToken']);

export function deferredRotation(artifacts: ArtifactStore) {
  const pending = new WeakMap<object, Pending>();

  /** Called by the adapter instead of consuming; false when there is no request to defer to. */
  function defer(model: string, id: string): boolean {
    const ctx = Provider.ctx;
    if (!ctx) return false;
    pending.set(ctx, { model, id });
    return true;
  }

  async function commitRotation(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
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
    // Lost the race: someone else used this token first. Reuse revokes the family.
    const payload = await artifacts.find(rotation.model, rotation.id).catch(() => undefined);
    if (payload?.grantId) await artifacts.revokeByGrantId(payload.grantId).catch(() => {});
    const lost = new errors.InvalidGrant('refresh token was used concurrently');
    ctx.status = lost.statusCode;
    ctx.body = { error: lost.error, error_description: lost.error_description };
  }

  return { defer, commitRotation };
}
