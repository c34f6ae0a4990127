// Secrets that sign oidc-provider's cookies (session, interaction) and our CSRF tokens.
// The first one signs; every one verifies. Generated once, first-writer-wins, like the signing keys.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/Store.js';
import { COOKIE_KEYS_SETTING } from './SigningKeyRecord.js';

const SECRET_BYTES = 32; // 256 bits: HMAC-SHA256 gains nothing from longer keys

export async function loadCookieKeys(store: Store): Promise<string[]> {
  const existing = await store.settings.get<string[]>(COOKIE_KEYS_SETTING);
  if (existing?.length) return existing;
  return store.settings.initialize(COOKIE_KEYS_SETTING, [randomBytes(SECRET_BYTES).toString('base64url')]);
}
