// Gives a confidential client a new secret (returned once, stored sealed). With a grace period the
// old secret is still accepted until it ends, so the application can be redeployed with the new one
// without downtime; without one the old secret stops working at once. A rotation during a grace
// period ends the earlier one: only the secret being replaced stays accepted.
import { randomBytes } from 'node:crypto';
import { type Change, recordChange } from '../audit/Change.js';
import type { ClientMetadata, Store } from '../store/Store.js';
import { ClientError } from './ClientError.js';

/** 30 days: a grace period is for a redeployment, not for keeping two secrets. */
export const MAX_SECRET_GRACE_SECONDS = 30 * 86_400;

export async function rotateClientSecret(
  store: Pick<Store, 'clients'>,
  clientId: string,
  { graceSeconds = 0 }: { readonly graceSeconds?: number },
  change: Change,
  now = Date.now(),
): Promise<{ readonly clientSecret: string; readonly previousSecretExpiresAt: number | undefined }> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_SECRET_GRACE_SECONDS) {
    throw new ClientError('invalid', 'client_secret', 'a grace period from 0 seconds to 30 days');
  }
  const current = await store.clients.get(clientId);
  if (!current) throw new ClientError('not_found', 'client_id', `no client ${clientId}`);
  if (typeof current.client_secret !== 'string') {
    throw new ClientError('invalid', 'client_secret', `${clientId} is a public client: it has no secret`);
  }
  const { previous_client_secret: _previous, previous_secret_expires_at: _expires, ...kept } = current;
  const clientSecret = randomBytes(32).toString('base64url'); // 256 bits, as at registration
  const previousSecretExpiresAt = graceSeconds > 0 ? Math.floor(now / 1000) + graceSeconds : undefined;
  const metadata: ClientMetadata = {
    ...kept,
    client_secret: clientSecret,
    ...(previousSecretExpiresAt === undefined
      ? {}
      : { previous_client_secret: current.client_secret, previous_secret_expires_at: previousSecretExpiresAt }),
  };
  await store.clients.put(metadata);
  recordChange(change, { event: 'client.secret_rotated', clientId, details: { graceSeconds } });
  return { clientSecret, previousSecretExpiresAt };
}
