// Secrets that sign oidc-provider's cookies (session, interaction) and our CSRF tokens. The
// current one signs; next, current and retired ones all verify. Generated once, first-writer-wins,
// like the signing keys. A list of plain strings (the first format) is read as current secrets.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/Store.js';
import { signingOrder } from './keyLifecycle.js';
import { COOKIE_KEYS_SETTING, type CookieKeyRecord, type CookieKeySet } from './SigningKeyRecord.js';

const SECRET_BYTES = 32; // 256 bits: HMAC-SHA256 gains nothing from longer keys

function cookieKey(
  secret: string,
  state: CookieKeyRecord['state'],
  now: number,
  activatesAt?: number,
): CookieKeyRecord {
  const id = createHash('sha256').update(secret).digest('base64url').slice(0, 12);
  return { id, secret, state, createdAt: now, ...(activatesAt === undefined ? {} : { activatesAt }) };
}

export function newCookieKey(state: CookieKeyRecord['state'], now: number, activatesAt?: number): CookieKeyRecord {
  for (;;) {
    const key = cookieKey(randomBytes(SECRET_BYTES).toString('base64url'), state, now, activatesAt);
    if (!key.id.startsWith('-')) return key; // an id starting with "-" reads as an option on a command line
  }
}

export function asCookieKeySet(stored: CookieKeySet | string[]): CookieKeySet {
  if (!Array.isArray(stored)) return stored;
  return { keys: stored.map((secret, index) => cookieKey(secret, index ? 'retired' : 'current', 0)) };
}

export async function loadCookieKeys(store: Store): Promise<CookieKeySet> {
  const existing = await store.settings.get<CookieKeySet | string[]>(COOKIE_KEYS_SETTING);
  if (existing) return asCookieKeySet(existing);
  return store.settings.initialize<CookieKeySet>(COOKIE_KEYS_SETTING, { keys: [newCookieKey('current', Date.now())] });
}

/** The secrets in the order Koa's keygrip wants them: the first signs, all verify. */
export const cookieSecrets = (set: CookieKeySet): string[] => signingOrder(set.keys).map((key) => key.secret);
