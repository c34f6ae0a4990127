// The two kinds of keys that share the lifecycle: signing keys compete per algorithm, cookie
// secrets all in one group.
import type { KeyKind } from './keyLifecycle.js';
import type { CookieKeyRecord, SigningKeyRecord } from './SigningKeyRecord.js';

export const SIGNING_KEY: KeyKind<SigningKeyRecord> = { id: (r) => r.kid, group: (r) => r.alg };
export const COOKIE_KEY: KeyKind<CookieKeyRecord> = { id: (r) => r.id, group: () => 'cookie' };
