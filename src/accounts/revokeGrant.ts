// One grant taken back: every refresh token, stored access token and code issued under it, then the
// grant itself. Every revocation that ends a grant (logout, an app removed, a session ended, a JWT
// access token revoked, an operator's revocation) does it through here.
import type { ArtifactStore } from '../store/Store.js';

export async function revokeGrant(artifacts: Pick<ArtifactStore, 'revokeByGrantId' | 'destroy'>, grantId: string) {
  await artifacts.revokeByGrantId(grantId);
  await artifacts.destroy('Grant', grantId);
}
